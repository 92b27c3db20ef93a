#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef logistics() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "logistics";
  d.description = "Parcel and freight carrier: shipments, tracking, fleet and warehouses";
  d.ownerTeam = "supply_chain_data";
  d.tables = {
      {"warehouses",
       20'000,
       "Distribution centres and hubs",
       {key("warehouse_id"), code("site_code", "DC", 5), street(), city(), state(), zip(),
        choice("facility_type", "hub|hub|sort_center|cross_dock|cold_storage"),
        integer("dock_doors", 4, 300)}},
      {"carriers",
       5'000,
       "Linehaul and last-mile carriers",
       {key("carrier_id"), code("scac", "SC", 4, "Standard carrier alpha code"),
        choice("mode", "truckload|ltl|parcel|air|ocean|rail"), integer("on_time_pct", 70, 99)}},
      {"routes",
       100'000,
       "Planned routes between warehouses",
       {key("route_id"), ref("origin_warehouse_id", "warehouses"),
        ref("destination_warehouse_id", "warehouses"), number("distance_km", 5, 4500),
        number("planned_hours", 0.5, 72)}},
      {"vehicles",
       200'000,
       "Trucks and vans",
       {key("vehicle_id"), code("vin", "1FT", 14, "Vehicle identification number"),
        choice("vehicle_type", "van|van|box_truck|tractor|reefer|ev_van"),
        integer("capacity_kg", 800, 36000), integer("model_year", 2010, 2025),
        status("status", "in_service|in_service|in_service|maintenance|retired")}},
      {"drivers",
       500'000,
       "Drivers of the fleet",
       {key("driver_id"), firstName(), lastName(), email(), phone(), code("cdl_number", "CDL", 8),
        ref("home_warehouse_id", "warehouses"), date("hire_date"), integer("safety_score", 50, 100),
        status("status", "active|active|active|on_leave|terminated")}},
      {"customers",
       1'000'000,
       "Shippers and consignees",
       {key("customer_id"), fullName("contact_name"), email(), phone(), street(), city(), state(),
        zip(), choice("account_type", "retail|retail|business|enterprise")}},
      {"shipments",
       100'000'000,
       "Parcels and freight shipments",
       {key("shipment_id"), code("tracking_number", "1Z", 12), ref("customer_id", "customers"),
        ref("origin_warehouse_id", "warehouses"), ref("carrier_id", "carriers"), date("ship_date"),
        number("weight_kg", 0.1, 2000),
        choice("service_level", "ground|ground|ground|express|overnight|freight"),
        money("charge", 4, 4000),
        status("status", "delivered|delivered|delivered|in_transit|exception|returned")},
       "service_level"},
      {"tracking_events",
       50'000'000,
       "Scans along the way",
       {key("tracking_event_id"), ref("shipment_id", "shipments"),
        ref("warehouse_id", "warehouses"), timestamp("event_ts"),
        choice("event_type", "picked_up|arrived|departed|out_for_delivery|delivered|exception")},
       "event_type"},
      {"fleet_telemetry",
       30'000'000,
       "GPS and engine telemetry",
       {key("telemetry_id"), ref("vehicle_id", "vehicles"), timestamp("recorded_at"),
        number("latitude", 25, 49), number("longitude", -124, -67), number("speed_kmh", 0, 120),
        number("fuel_level_pct", 0, 100), flag("harsh_braking", 0.01)}},
      {"deliveries",
       5'000'000,
       "Last-mile stops",
       {key("delivery_id"), ref("shipment_id", "shipments"), ref("driver_id", "drivers"),
        ref("vehicle_id", "vehicles"), timestamp("delivered_at"), flag("signature_required", 0.2),
        integer("attempt", 1, 3),
        status("status", "delivered|delivered|delivered|failed|refused")}},
      {"freight_invoices",
       5'000'000,
       "Invoices to customers",
       {key("invoice_id"), ref("customer_id", "customers"), date("invoice_date"),
        money("amount", 5, 50000), money("fuel_surcharge", 0, 2500),
        status("status", "paid|paid|paid|open|disputed|overdue")}},
      {"fuel_purchases",
       1'000'000,
       "Fuel bought for vehicles",
       {key("purchase_id"), ref("vehicle_id", "vehicles"), ref("driver_id", "drivers"),
        date("purchase_date"), number("litres", 10, 600), money("total_cost", 15, 1200)}},
      {"incidents",
       200'000,
       "Accidents, damages and losses",
       {key("incident_id"), ref("shipment_id", "shipments"), ref("driver_id", "drivers"),
        date("incident_date"), choice("incident_type", "damage|loss|delay|accident|theft"),
        money("claim_amount", 0, 100000), status("status", "open|investigating|closed|closed")}},
      {"warehouse_inventory",
       1'000'000,
       "Pallets stored in warehouses",
       {key("inventory_id"), ref("warehouse_id", "warehouses"), ref("customer_id", "customers"),
        code("pallet_id", "PAL", 9), integer("units", 1, 2000), date("received_date"),
        flag("is_hazmat", 0.03)}},
  };
  d.views = {
      {"on_time_by_service", "Delivered share per service level",
       "SELECT service_level, count(*) AS shipments, "
       "avg(CASE WHEN status = 'delivered' THEN 1.0 ELSE 0.0 END) AS delivered_rate "
       "FROM {s}.shipments GROUP BY service_level"},
      {"lane_volume", "Shipments per origin warehouse and carrier",
       "SELECT origin_warehouse_id, carrier_id, count(*) AS shipments, "
       "sum(weight_kg) AS total_kg FROM {s}.shipments GROUP BY origin_warehouse_id, carrier_id"},
      {"driver_scorecard", "Deliveries and incidents per driver",
       "SELECT d.driver_id, d.first_name, d.last_name, d.safety_score, count(*) AS deliveries "
       "FROM {s}.deliveries x JOIN {s}.drivers d ON x.driver_id = d.driver_id "
       "GROUP BY d.driver_id, d.first_name, d.last_name, d.safety_score"},
      {"exceptions_open", "Shipments in exception",
       "SELECT shipment_id, tracking_number, ship_date, customer_id FROM {s}.shipments "
       "WHERE status = 'exception'"},
      {"fuel_efficiency", "Fuel bought per vehicle",
       "SELECT vehicle_id, sum(litres) AS litres, sum(total_cost) AS cost "
       "FROM {s}.fuel_purchases GROUP BY vehicle_id"},
  };
  d.functions = {
      {"dim_weight_kg", "length_cm DOUBLE, width_cm DOUBLE, height_cm DOUBLE", "DOUBLE",
       "Dimensional weight (divisor 5000)", "round(length_cm * width_cm * height_cm / 5000.0, 2)"},
      {"billable_weight", "actual_kg DOUBLE, dim_kg DOUBLE", "DOUBLE",
       "The greater of actual and dimensional weight", "greatest(actual_kg, dim_kg)"},
      {"transit_band", "hours DOUBLE", "STRING", "Transit time band",
       "CASE WHEN hours <= 24 THEN 'next_day' WHEN hours <= 72 THEN '2_3_days' "
       "ELSE 'standard' END"},
      {"km_to_miles", "km DOUBLE", "DOUBLE", "Kilometres in miles", "round(km * 0.621371, 2)"},
      {"litres_per_100km", "litres DOUBLE, km DOUBLE", "DOUBLE", "Fuel consumption",
       "CASE WHEN km <= 0 THEN NULL ELSE round(litres * 100.0 / km, 2) END"},
  };
  return d;
}

}  // namespace clxs::generate::industries
