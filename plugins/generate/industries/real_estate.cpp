#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef realEstate() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "real_estate";
  d.description = "Residential brokerage: properties, listings, showings, offers and closings";
  d.ownerTeam = "property_data";
  d.tables = {
      {"brokerages",
       20'000,
       "Real estate brokerages",
       {key("brokerage_id"), code("license_number", "BRK", 7), city(), state(), phone(),
        integer("agent_count", 1, 2500)}},
      {"agents",
       200'000,
       "Licensed agents",
       {key("agent_id"), ref("brokerage_id", "brokerages"), firstName(), lastName(), email(),
        phone(), code("license_number", "AG", 8), date("licensed_date"),
        status("status", "active|active|active|inactive")}},
      {"neighborhoods",
       50'000,
       "Neighbourhoods and their statistics",
       {key("neighborhood_id"), city(), state(), zip(), integer("walk_score", 0, 100),
        integer("school_rating", 1, 10), money("median_income", 25000, 250000)}},
      {"properties",
       1'000'000,
       "Parcels and buildings",
       {key("property_id"), ref("neighborhood_id", "neighborhoods"), street(), city(), state(),
        zip(), choice("property_type", "single_family|single_family|condo|townhouse|multi_family"),
        integer("bedrooms", 1, 6), number("bathrooms", 1, 5), integer("square_feet", 450, 8000),
        integer("year_built", 1900, 2024), money("assessed_value", 60000, 4000000)}},
      {"buyers",
       1'000'000,
       "Prospective buyers",
       {key("buyer_id"), firstName(), lastName(), email(), phone(), street(), city(), state(),
        money("pre_approved_amount", 0, 3000000), flag("first_time_buyer", 0.35)}},
      {"lenders",
       5'000,
       "Mortgage lenders",
       {key("lender_id"), code("nmls_id", "NMLS", 6),
        choice("lender_type", "bank|credit_union|mortgage_broker|online")}},
      {"listings",
       100'000'000,
       "Listings of properties for sale or rent",
       {key("listing_id"), ref("property_id", "properties"), ref("agent_id", "agents"),
        date("list_date"), money("list_price", 50000, 5000000),
        choice("listing_type", "sale|sale|sale|rent"), integer("days_on_market", 0, 365),
        status("status", "active|pending|sold|sold|withdrawn|expired")},
       "listing_type"},
      {"transactions_re",
       50'000'000,
       "Closed sales",
       {key("transaction_id"), ref("listing_id", "listings"), ref("buyer_id", "buyers"),
        ref("buyer_agent_id", "agents"), date("close_date"), money("sale_price", 50000, 5000000),
        number("commission_pct", 1.5, 6), choice("financing", "conventional|fha|va|cash|jumbo"),
        status("status", "closed|closed|closed|cancelled")}},
      {"property_views",
       30'000'000,
       "Online listing views",
       {key("view_id"), ref("listing_id", "listings"), timestamp("viewed_at"),
        choice("source", "portal|portal|agent_site|social|email"),
        integer("seconds_on_page", 1, 900), flag("saved", 0.08)},
       "source"},
      {"showings",
       5'000'000,
       "In-person and virtual showings",
       {key("showing_id"), ref("listing_id", "listings"), ref("buyer_id", "buyers"),
        timestamp("scheduled_at"), choice("showing_type", "in_person|in_person|virtual|open_house"),
        integer("feedback_rating", 1, 5),
        status("status", "completed|completed|cancelled|no_show")}},
      {"offers",
       5'000'000,
       "Offers made on listings",
       {key("offer_id"), ref("listing_id", "listings"), ref("buyer_id", "buyers"),
        date("offer_date"), money("offer_amount", 40000, 5500000),
        money("earnest_money", 1000, 100000), flag("contingent", 0.6),
        status("status", "accepted|rejected|rejected|countered|withdrawn")}},
      {"mortgages",
       1'000'000,
       "Mortgages financing purchases",
       {key("mortgage_id"), ref("transaction_id", "transactions_re"), ref("lender_id", "lenders"),
        money("loan_amount", 30000, 4000000), number("interest_rate", 2.5, 8.5),
        integer("term_years", 10, 30), date("funded_date"),
        status("status", "current|current|current|late|paid_off")}},
      {"inspections",
       500'000,
       "Home inspections",
       {key("inspection_id"), ref("property_id", "properties"), date("inspection_date"),
        integer("issues_found", 0, 40), money("estimated_repairs", 0, 80000),
        choice("inspector_company", "HomeCheck|InspectPro|TrueView|SafeHouse")}},
      {"appraisals",
       500'000,
       "Appraised values",
       {key("appraisal_id"), ref("property_id", "properties"), date("appraisal_date"),
        money("appraised_value", 50000, 5000000),
        choice("method", "sales_comparison|cost|income")}},
  };
  d.views = {
      {"median_price_by_city", "Average and highest sale price per city",
       "SELECT p.city, p.state, count(*) AS sales, avg(t.sale_price) AS avg_price, "
       "max(t.sale_price) AS max_price FROM {s}.transactions_re t "
       "JOIN {s}.listings l ON t.listing_id = l.listing_id "
       "JOIN {s}.properties p ON l.property_id = p.property_id GROUP BY p.city, p.state"},
      {"agent_leaderboard", "Closed volume per buyer agent",
       "SELECT a.agent_id, a.first_name, a.last_name, count(*) AS deals, "
       "sum(t.sale_price) AS volume FROM {s}.transactions_re t "
       "JOIN {s}.agents a ON t.buyer_agent_id = a.agent_id "
       "GROUP BY a.agent_id, a.first_name, a.last_name"},
      {"active_inventory", "Active listings with their property",
       "SELECT l.listing_id, l.list_price, l.days_on_market, p.property_type, p.bedrooms, "
       "p.city FROM {s}.listings l JOIN {s}.properties p ON l.property_id = p.property_id "
       "WHERE l.status = 'active'"},
      {"offer_acceptance", "Share of accepted offers per month",
       "SELECT year(offer_date) AS yr, month(offer_date) AS mo, count(*) AS offers, "
       "avg(CASE WHEN status = 'accepted' THEN 1.0 ELSE 0.0 END) AS acceptance_rate "
       "FROM {s}.offers GROUP BY year(offer_date), month(offer_date)"},
      {"value_per_sqft_by_type", "Assessed value per square foot by property type",
       "SELECT property_type, avg(assessed_value / square_feet) AS value_per_sqft "
       "FROM {s}.properties GROUP BY property_type"},
  };
  d.functions = {
      {"price_per_sqft", "price DECIMAL(12,2), square_feet INT", "DOUBLE", "Price per square foot",
       "CASE WHEN square_feet <= 0 THEN NULL "
       "ELSE round(CAST(price AS DOUBLE) / square_feet, 2) END"},
      {"commission_amount", "sale_price DECIMAL(12,2), pct DOUBLE", "DOUBLE",
       "Commission on a sale", "round(CAST(sale_price AS DOUBLE) * pct / 100.0, 2)"},
      {"ltv_pct", "loan_amount DECIMAL(12,2), property_value DECIMAL(12,2)", "DOUBLE",
       "Loan-to-value ratio in percent",
       "CASE WHEN property_value = 0 THEN NULL "
       "ELSE round(CAST(loan_amount AS DOUBLE) * 100.0 / CAST(property_value AS DOUBLE), 1) END"},
      {"home_age", "year_built INT", "INT", "Age of a building in years",
       "year(current_date()) - year_built"},
      {"market_speed", "days_on_market INT", "STRING", "How fast a listing sold",
       "CASE WHEN days_on_market <= 7 THEN 'hot' WHEN days_on_market <= 30 THEN 'normal' "
       "WHEN days_on_market <= 90 THEN 'slow' ELSE 'stale' END"},
  };
  return d;
}

}  // namespace clxs::generate::industries
