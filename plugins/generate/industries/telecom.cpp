#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef telecom() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "telecom";
  d.description = "Mobile operator: subscribers, plans, call detail records, usage and billing";
  d.ownerTeam = "network_data";
  d.tables = {
      {"plans",
       10'000,
       "Rate plans",
       {key("plan_id"), code("plan_code", "RP", 5),
        choice("plan_type", "prepaid|postpaid|postpaid|family|business"),
        money("monthly_fee", 10, 150), integer("data_gb", 1, 100), flag("unlimited_calls", 0.7)}},
      {"cell_towers",
       100'000,
       "Radio sites",
       {key("tower_id"), code("site_code", "CELL", 6), city(), state(), number("latitude", 25, 49),
        number("longitude", -124, -67), choice("technology", "4G|4G|5G|5G|3G"),
        integer("capacity_mbps", 100, 10000)}},
      {"subscribers",
       1'000'000,
       "Mobile subscribers",
       {key("subscriber_id"), code("msisdn", "+1555", 7, "Phone number of the line"), firstName(),
        lastName(), email(), street(), city(), state(), zip(), birthDate(), ref("plan_id", "plans"),
        date("activation_date"),
        status("status", "active|active|active|active|suspended|churned")}},
      {"devices",
       1'000'000,
       "Handsets registered on the network",
       {key("device_id"), ref("subscriber_id", "subscribers"), code("imei", "35", 13),
        choice("manufacturer", "Apple|Samsung|Google|Motorola|OnePlus|Nokia"),
        choice("os", "iOS|Android"), date("first_seen")}},
      {"cdr_records",
       100'000'000,
       "Call detail records",
       {key("cdr_id"), ref("subscriber_id", "subscribers"), ref("tower_id", "cell_towers"),
        timestamp("call_start"), integer("duration_seconds", 1, 3600),
        choice("call_type", "voice|voice|voice|video|voicemail"),
        choice("direction", "outgoing|incoming"), flag("is_roaming", 0.03),
        status("call_result", "completed|completed|completed|dropped|busy|failed")},
       "call_type"},
      {"data_usage",
       50'000'000,
       "Mobile data sessions",
       {key("session_id"), ref("subscriber_id", "subscribers"), ref("tower_id", "cell_towers"),
        timestamp("session_start"), integer("bytes_up", 1000, 50000000),
        integer("bytes_down", 1000, 500000000),
        choice("app_category", "video|social|web|gaming|music|messaging"),
        choice("rat", "4G|5G|5G|3G")},
       "rat"},
      {"billing",
       30'000'000,
       "Monthly invoices",
       {key("invoice_id"), ref("subscriber_id", "subscribers"), date("bill_date"),
        money("recurring_charges", 10, 150), money("usage_charges", 0, 120), money("taxes", 1, 30),
        money("amount_due", 11, 300), status("status", "paid|paid|paid|open|overdue|written_off")}},
      {"sms_records",
       5'000'000,
       "Text messages",
       {key("sms_id"), ref("subscriber_id", "subscribers"), timestamp("sent_ts"),
        choice("direction", "outgoing|incoming"), integer("segments", 1, 5),
        flag("is_international", 0.04)}},
      {"network_events",
       5'000'000,
       "Alarms and events from radio sites",
       {key("event_id"), ref("tower_id", "cell_towers"), timestamp("event_ts"),
        choice("severity", "info|info|minor|major|critical"),
        choice("event_type", "handover_failure|congestion|power|link_down|maintenance"),
        integer("affected_users", 0, 5000),
        status("status", "cleared|cleared|cleared|acknowledged|open")}},
      {"support_tickets",
       1'000'000,
       "Customer care tickets",
       {key("ticket_id"), ref("subscriber_id", "subscribers"), timestamp("opened_at"),
        choice("category", "billing|coverage|device|porting|plan_change"),
        choice("channel", "phone|chat|store|app"), integer("csat", 1, 5),
        status("status", "resolved|resolved|resolved|open|escalated")}},
      {"payments",
       1'000'000,
       "Payments against invoices",
       {key("payment_id"), ref("invoice_id", "billing"), date("payment_date"),
        money("amount", 5, 300), choice("method", "card|card|bank|autopay|cash")}},
      {"churn_scores",
       500'000,
       "Model scores of churn propensity",
       {key("score_id"), ref("subscriber_id", "subscribers"), date("scored_date"),
        number("churn_probability", 0, 1), choice("model_version", "v1|v2|v3")}},
      {"roaming_events",
       500'000,
       "Usage abroad",
       {key("roaming_id"), ref("subscriber_id", "subscribers"), timestamp("event_ts"),
        choice("country", "CA|MX|GB|FR|DE|JP|IT|ES"), integer("minutes", 0, 300),
        integer("mb_used", 0, 5000), money("charge", 0, 250)}},
      {"port_requests",
       100'000,
       "Number portability requests",
       {key("port_id"), ref("subscriber_id", "subscribers"), date("requested_date"),
        choice("direction", "port_in|port_out"),
        choice("other_carrier", "Verizon|AT&T|T-Mobile|US Cellular"),
        status("status", "completed|completed|pending|rejected")}},
  };
  d.views = {
      {"dropped_call_rate", "Share of dropped calls per tower",
       "SELECT tower_id, count(*) AS calls, "
       "avg(CASE WHEN call_result = 'dropped' THEN 1.0 ELSE 0.0 END) AS drop_rate "
       "FROM {s}.cdr_records GROUP BY tower_id"},
      {"arpu_by_plan", "Average revenue per user per plan",
       "SELECT p.plan_code, p.plan_type, avg(b.amount_due) AS arpu, "
       "count(DISTINCT b.subscriber_id) AS subscribers FROM {s}.billing b "
       "JOIN {s}.subscribers s ON b.subscriber_id = s.subscriber_id "
       "JOIN {s}.plans p ON s.plan_id = p.plan_id GROUP BY p.plan_code, p.plan_type"},
      {"data_by_app", "Downloaded gigabytes per app category",
       "SELECT app_category, sum(bytes_down) / 1073741824.0 AS gb_down, count(*) AS sessions "
       "FROM {s}.data_usage GROUP BY app_category"},
      {"at_risk_subscribers", "Subscribers with a churn probability over 0.7",
       "SELECT s.subscriber_id, s.first_name, s.last_name, c.churn_probability "
       "FROM {s}.churn_scores c JOIN {s}.subscribers s ON c.subscriber_id = s.subscriber_id "
       "WHERE c.churn_probability > 0.7"},
      {"overdue_invoices", "Invoices that are overdue",
       "SELECT invoice_id, subscriber_id, bill_date, amount_due FROM {s}.billing "
       "WHERE status = 'overdue'"},
  };
  d.functions = {
      {"bytes_to_gb", "bytes BIGINT", "DOUBLE", "Bytes in gigabytes",
       "round(bytes / 1073741824.0, 3)"},
      {"call_minutes", "duration_seconds INT", "INT", "Billable minutes, rounded up",
       "CAST(ceil(duration_seconds / 60.0) AS INT)"},
      {"churn_risk", "probability DOUBLE", "STRING", "Band of a churn probability",
       "CASE WHEN probability >= 0.7 THEN 'high' WHEN probability >= 0.4 THEN 'medium' "
       "ELSE 'low' END"},
      {"mask_msisdn", "msisdn STRING", "STRING", "Hides all but the last three digits",
       "concat(repeat('*', greatest(length(msisdn) - 3, 0)), right(msisdn, 3))"},
      {"is_peak_hour", "ts TIMESTAMP", "BOOLEAN", "Calls between 08:00 and 20:00",
       "hour(ts) BETWEEN 8 AND 19"},
  };
  return d;
}

}  // namespace clxs::generate::industries
