#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef insurance() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "insurance";
  d.description = "Property and casualty insurer: policies, underwriting, premiums and claims";
  d.ownerTeam = "actuarial_data";
  d.tables = {
      {"products",
       5'000,
       "Insurance products",
       {key("product_id"), code("product_code", "INS", 4),
        choice("line_of_business", "auto|auto|home|renters|life|umbrella|commercial"),
        money("base_premium", 100, 6000), flag("is_active", 0.9)}},
      {"agents",
       200'000,
       "Agents selling policies",
       {key("agent_id"), firstName(), lastName(), email(), phone(), state(),
        code("license_number", "LIC", 8), number("commission_pct", 5, 20),
        status("status", "active|active|active|terminated")}},
      {"adjusters",
       50'000,
       "Claims adjusters",
       {key("adjuster_id"), firstName(), lastName(), email(), phone(),
        choice("specialty", "auto|property|injury|catastrophe"), integer("open_claims", 0, 150)}},
      {"policyholders",
       1'000'000,
       "Insured people and businesses",
       {key("policyholder_id"), firstName(), lastName(), birthDate(), ssn(), email(), phone(),
        street(), city(), state(), zip(), integer("credit_tier", 1, 5), date("customer_since"),
        status("status", "active|active|active|lapsed|cancelled")}},
      {"policies",
       100'000'000,
       "Policies written",
       {key("policy_id"), code("policy_number", "POL", 10), ref("policyholder_id", "policyholders"),
        ref("product_id", "products"), ref("agent_id", "agents"), date("effective_date"),
        integer("term_months", 6, 12), money("annual_premium", 100, 25000),
        money("coverage_limit", 10000, 2000000), money("deductible", 0, 10000),
        status("status", "in_force|in_force|in_force|in_force|lapsed|cancelled|expired")},
       "status"},
      {"claims_ins",
       50'000'000,
       "Claims filed against policies",
       {key("claim_id"), ref("policy_id", "policies"), ref("adjuster_id", "adjusters"),
        date("loss_date"), date("reported_date"),
        choice("peril", "collision|theft|fire|water|wind|hail|liability|injury"),
        money("reserve_amount", 0, 250000), money("paid_amount", 0, 250000),
        flag("litigated", 0.04), status("status", "open|closed|closed|closed|reopened|denied")},
       "peril"},
      {"underwriting",
       30'000'000,
       "Underwriting decisions",
       {key("underwriting_id"), ref("policyholder_id", "policyholders"),
        ref("product_id", "products"), timestamp("decided_at"), integer("risk_score", 1, 1000),
        choice("risk_class", "preferred|preferred|standard|standard|substandard|declined"),
        number("rate_factor", 0.6, 2.5),
        status("decision", "approved|approved|approved|referred|declined")}},
      {"premiums",
       5'000'000,
       "Premium installments billed and paid",
       {key("premium_id"), ref("policy_id", "policies"), date("due_date"),
        money("amount_billed", 10, 3000), money("amount_paid", 0, 3000),
        choice("payment_method", "card|bank|autopay|check"),
        status("status", "paid|paid|paid|paid|late|unpaid")}},
      {"quotes",
       5'000'000,
       "Quotes requested by prospects",
       {key("quote_id"), ref("product_id", "products"), ref("agent_id", "agents"),
        timestamp("quoted_at"), money("quoted_premium", 50, 20000), state(),
        choice("channel", "agent|agent|online|phone|aggregator"), flag("converted", 0.22)}},
      {"claim_payments",
       1'000'000,
       "Payments made on claims",
       {key("claim_payment_id"), ref("claim_id", "claims_ins"), date("payment_date"),
        money("amount", 50, 100000), choice("payee_type", "insured|repair_shop|medical|attorney"),
        status("status", "issued|issued|cleared|voided")}},
      {"fraud_investigations",
       200'000,
       "Special investigations of suspicious claims",
       {key("investigation_id"), ref("claim_id", "claims_ins"), date("opened_date"),
        integer("suspicion_score", 50, 100),
        choice("indicator", "staged_accident|inflated_damage|prior_loss|identity"),
        status("status", "open|closed_no_fraud|closed_no_fraud|confirmed")}},
      {"renewals",
       1'000'000,
       "Policy renewal offers",
       {key("renewal_id"), ref("policy_id", "policies"), date("renewal_date"),
        number("rate_change_pct", -10, 25), flag("accepted", 0.82)}},
  };
  d.views = {
      {"loss_ratio_by_product", "Paid losses over premium per product",
       "SELECT pr.product_code, pr.line_of_business, sum(c.paid_amount) AS paid_losses, "
       "count(*) AS claims FROM {s}.claims_ins c JOIN {s}.policies p ON c.policy_id = p.policy_id "
       "JOIN {s}.products pr ON p.product_id = pr.product_id "
       "GROUP BY pr.product_code, pr.line_of_business"},
      {"claims_by_peril", "Claim count and severity per peril",
       "SELECT peril, count(*) AS claims, avg(paid_amount) AS avg_paid FROM {s}.claims_ins "
       "GROUP BY peril"},
      {"agent_production", "Premium written per agent",
       "SELECT a.agent_id, a.first_name, a.last_name, count(*) AS policies, "
       "sum(p.annual_premium) AS written_premium FROM {s}.policies p "
       "JOIN {s}.agents a ON p.agent_id = a.agent_id GROUP BY a.agent_id, a.first_name, "
       "a.last_name"},
      {"quote_conversion", "Quote conversion per channel",
       "SELECT channel, count(*) AS quotes, "
       "avg(CASE WHEN converted THEN 1.0 ELSE 0.0 END) AS conversion_rate FROM {s}.quotes "
       "GROUP BY channel"},
      {"open_large_claims", "Open claims reserved over 50,000",
       "SELECT claim_id, policy_id, loss_date, reserve_amount FROM {s}.claims_ins "
       "WHERE status = 'open' AND reserve_amount > 50000"},
  };
  d.functions = {
      {"loss_ratio", "losses DOUBLE, premium DOUBLE", "DOUBLE", "Losses over earned premium",
       "CASE WHEN premium = 0 THEN NULL ELSE round(losses / premium, 4) END"},
      {"risk_tier", "risk_score INT", "STRING", "Tier of an underwriting risk score",
       "CASE WHEN risk_score < 300 THEN 'low' WHEN risk_score < 700 THEN 'medium' "
       "ELSE 'high' END"},
      {"earned_premium", "annual_premium DOUBLE, days_in_force INT", "DOUBLE",
       "Premium earned after some days",
       "round(annual_premium * least(days_in_force, 365) / 365.0, 2)"},
      {"report_lag_days", "loss_date DATE, reported_date DATE", "INT",
       "Days between loss and report", "datediff(reported_date, loss_date)"},
      {"mask_policy_number", "policy_number STRING", "STRING",
       "Shows the last four characters of a policy number",
       "concat('POL******', right(policy_number, 4))"},
  };
  return d;
}

}  // namespace clxs::generate::industries
