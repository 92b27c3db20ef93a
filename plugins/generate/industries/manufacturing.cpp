#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef manufacturing() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "manufacturing";
  d.description = "Discrete manufacturer: plants, machines, sensors, production and quality";
  d.ownerTeam = "operations_data";
  d.tables = {
      {"plants",
       10'000,
       "Manufacturing plants",
       {key("plant_id"), code("plant_code", "PL", 4), city(), state(),
        choice("plant_type", "assembly|machining|casting|packaging"),
        integer("headcount", 50, 5000), date("opened_date")}},
      {"production_lines",
       50'000,
       "Lines within plants",
       {key("line_id"), ref("plant_id", "plants"), code("line_code", "LN", 5),
        choice("line_type", "automated|semi_automated|manual"),
        integer("rated_units_per_hour", 10, 2000)}},
      {"machines",
       200'000,
       "Machines on production lines",
       {key("machine_id"), ref("line_id", "production_lines"), code("asset_tag", "MC", 7),
        choice("machine_type", "CNC|press|robot|conveyor|oven|welder|injection_molder"),
        choice("manufacturer", "Siemens|Fanuc|ABB|Haas|Bosch|Kuka"), date("installed_date"),
        status("status", "running|running|running|idle|maintenance|retired")}},
      {"products",
       100'000,
       "Finished goods",
       {key("product_id"), code("part_number", "PN", 7),
        choice("family", "engine|chassis|electronics|interior|hydraulics"),
        money("standard_cost", 2, 4000), number("weight_kg", 0.1, 500)}},
      {"suppliers",
       100'000,
       "Material suppliers",
       {key("supplier_id"), code("supplier_code", "SUP", 6), fullName("contact_name"), email(),
        phone(), city(), state(), integer("quality_rating", 1, 5)}},
      {"materials",
       200'000,
       "Raw materials and components",
       {key("material_id"), code("material_code", "MAT", 7), ref("supplier_id", "suppliers"),
        choice("material_type", "steel|aluminium|plastic|copper|rubber|glass|electronics"),
        money("unit_cost", 0.05, 900), choice("unit_of_measure", "kg|ea|m|l")}},
      {"employees",
       500'000,
       "Plant workforce",
       {key("employee_id"), firstName(), lastName(), email(), phone(), ref("plant_id", "plants"),
        choice("role", "operator|operator|operator|technician|engineer|supervisor"),
        choice("shift", "day|swing|night"), date("hire_date"),
        status("status", "active|active|active|on_leave|terminated")}},
      {"work_orders",
       1'000'000,
       "Production work orders",
       {key("work_order_id"), ref("product_id", "products"), ref("line_id", "production_lines"),
        integer("planned_qty", 10, 5000), date("planned_start"), date("due_date"),
        choice("priority", "normal|normal|high|rush"),
        status("status", "completed|completed|completed|in_progress|planned|cancelled")}},
      {"sensor_readings",
       100'000'000,
       "Telemetry from machine sensors",
       {key("reading_id"), ref("machine_id", "machines"), timestamp("reading_ts"),
        choice("sensor_type", "temperature|vibration|pressure|current|speed"),
        number("reading_value", 0, 500), flag("is_anomaly", 0.01),
        choice("quality_flag", "good|good|good|good|suspect|bad")},
       "sensor_type"},
      {"production_events",
       50'000'000,
       "Units produced per work order",
       {key("event_id"), ref("work_order_id", "work_orders"), ref("machine_id", "machines"),
        timestamp("event_ts"), integer("units_produced", 1, 200), integer("units_scrapped", 0, 10),
        number("cycle_time_s", 5, 600), status("status", "ok|ok|ok|ok|rework|scrap")},
       "status"},
      {"quality_checks",
       30'000'000,
       "Inspections of produced units",
       {key("check_id"), ref("event_id", "production_events"), ref("inspector_id", "employees"),
        timestamp("checked_at"), choice("check_type", "visual|dimensional|functional|x_ray"),
        number("measured_value", 0, 100), number("tolerance", 0.01, 2),
        status("inspection_result", "pass|pass|pass|pass|pass|fail|conditional")}},
      {"maintenance_logs",
       5'000'000,
       "Planned and corrective maintenance",
       {key("maintenance_id"), ref("machine_id", "machines"), ref("technician_id", "employees"),
        date("performed_date"), choice("maintenance_type", "preventive|preventive|corrective"),
        number("hours_spent", 0.25, 24), money("parts_cost", 0, 15000),
        status("status", "closed|closed|closed|open|deferred")}},
      {"downtime_events",
       5'000'000,
       "Unplanned stops of machines",
       {key("downtime_id"), ref("machine_id", "machines"), timestamp("started_at"),
        integer("duration_minutes", 1, 720),
        choice("reason", "breakdown|changeover|material_shortage|quality_hold|no_operator"),
        flag("is_planned", 0.3)}},
      {"material_receipts",
       1'000'000,
       "Goods received from suppliers",
       {key("receipt_id"), ref("material_id", "materials"), ref("plant_id", "plants"),
        date("received_date"), integer("quantity", 1, 10000), money("total_cost", 10, 250000),
        status("status", "accepted|accepted|accepted|quarantined|rejected")}},
      {"defects",
       500'000,
       "Defects found by inspections",
       {key("defect_id"), ref("check_id", "quality_checks"),
        choice("defect_type", "scratch|crack|misalignment|porosity|short_circuit|dimension"),
        choice("severity", "minor|minor|major|critical"), date("found_date"),
        money("cost_of_quality", 0, 5000)}},
  };
  d.views = {
      {"oee_by_line", "Output, scrap and speed per production line",
       "SELECT w.line_id, sum(e.units_produced) AS produced, sum(e.units_scrapped) AS scrapped, "
       "avg(e.cycle_time_s) AS avg_cycle_s FROM {s}.production_events e "
       "JOIN {s}.work_orders w ON e.work_order_id = w.work_order_id GROUP BY w.line_id"},
      {"first_pass_yield", "Passed share of inspections per check type",
       "SELECT check_type, count(*) AS checks, "
       "avg(CASE WHEN inspection_result = 'pass' THEN 1.0 ELSE 0.0 END) AS pass_rate "
       "FROM {s}.quality_checks "
       "GROUP BY check_type"},
      {"machine_downtime", "Downtime minutes per machine",
       "SELECT machine_id, count(*) AS stops, sum(duration_minutes) AS minutes "
       "FROM {s}.downtime_events GROUP BY machine_id"},
      {"sensor_anomalies", "Anomalous sensor readings",
       "SELECT reading_id, machine_id, reading_ts, sensor_type, reading_value "
       "FROM {s}.sensor_readings WHERE is_anomaly"},
      {"late_work_orders", "Open work orders past their due date",
       "SELECT work_order_id, product_id, due_date, status FROM {s}.work_orders "
       "WHERE due_date < current_date() AND status IN ('planned', 'in_progress')"},
  };
  d.functions = {
      {"scrap_rate", "produced INT, scrapped INT", "DOUBLE", "Scrapped share of units",
       "CASE WHEN produced + scrapped = 0 THEN NULL "
       "ELSE round(scrapped * 1.0 / (produced + scrapped), 4) END"},
      {"within_tolerance", "measured DOUBLE, target DOUBLE, tolerance DOUBLE", "BOOLEAN",
       "Whether a measurement is within tolerance of its target",
       "abs(measured - target) <= tolerance"},
      {"celsius_to_fahrenheit", "c DOUBLE", "DOUBLE", "Temperature conversion",
       "round(c * 9 / 5 + 32, 1)"},
      {"mtbf_hours", "operating_hours DOUBLE, failures INT", "DOUBLE", "Mean time between failures",
       "CASE WHEN failures = 0 THEN NULL "
       "ELSE round(operating_hours / failures, 1) END"},
      {"severity_weight", "severity STRING", "INT", "Weight of a defect severity",
       "CASE severity WHEN 'critical' THEN 10 WHEN 'major' THEN 5 ELSE 1 END"},
  };
  return d;
}

}  // namespace clxs::generate::industries
