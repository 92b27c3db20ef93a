#include "plugins/generate/industries/industries.hpp"

namespace clxs::generate::industries {

IndustryDef retail() {
  using namespace col;  // NOLINT: the column constructors are the vocabulary of this table
  IndustryDef d;
  d.name = "retail";
  d.description = "Omnichannel retailer: stores, products, orders, clickstream and reviews";
  d.ownerTeam = "commerce_data";
  d.tables = {
      {"categories",
       10'000,
       "Product categories",
       {key("category_id"),
        choice("category_name",
               "Electronics|Apparel|Home|Grocery|Toys|Beauty|Sports|Books|Garden|Automotive"),
        choice("department", "Hardlines|Softlines|Consumables"), flag("is_seasonal", 0.2)}},
      {"suppliers",
       100'000,
       "Suppliers of products",
       {key("supplier_id"), code("supplier_code", "SUP", 6), fullName("contact_name"), email(),
        phone(), city(), state(), integer("lead_time_days", 2, 45)}},
      {"stores",
       50'000,
       "Physical stores",
       {key("store_id"), code("store_code", "ST", 5), street(), city(), state(), zip(),
        choice("format", "supercenter|neighborhood|outlet|express"),
        integer("square_feet", 8000, 200000), date("opened_date")}},
      {"products",
       1'000'000,
       "Sellable products",
       {key("product_id"), code("sku", "SKU", 8), ref("category_id", "categories"),
        ref("supplier_id", "suppliers"),
        choice("brand", "Acme|Globex|Initech|Umbrella|Stark|Wayne|Wonka|Hooli"),
        money("list_price", 1, 2500), money("unit_cost", 0.5, 1800),
        status("status", "active|active|active|discontinued")}},
      {"customers",
       1'000'000,
       "Loyalty members and online customers",
       {key("customer_id"), firstName(), lastName(), email(), phone(), street(), city(), state(),
        zip(), birthDate(), choice("loyalty_tier", "bronze|bronze|silver|gold|platinum"),
        timestamp("signup_ts"), status("status", "active|active|active|lapsed")}},
      {"promotions",
       100'000,
       "Discount campaigns",
       {key("promotion_id"), code("promo_code", "PROMO", 5),
        choice("promo_type", "percent_off|amount_off|bogo|free_shipping"),
        number("discount_pct", 5, 60), date("start_date"), date("end_date")}},
      {"employees",
       200'000,
       "Store and warehouse staff",
       {key("employee_id"), firstName(), lastName(), email(), ref("store_id", "stores"),
        choice("role", "cashier|associate|associate|manager|stocker"), money("hourly_rate", 12, 45),
        date("hire_date"), status("status", "active|active|active|terminated")}},
      {"orders",
       5'000'000,
       "Customer orders",
       {key("order_id"), ref("customer_id", "customers"), ref("store_id", "stores"),
        timestamp("order_ts"), choice("channel", "web|web|mobile|store|store"),
        ref("promotion_id", "promotions"), money("order_total", 5, 3000),
        status("status", "delivered|delivered|delivered|shipped|processing|cancelled|returned")},
       "channel"},
      {"order_items",
       100'000'000,
       "Lines of orders",
       {key("order_item_id"), ref("order_id", "orders"), ref("product_id", "products"),
        integer("quantity", 1, 8), money("unit_price", 1, 2500), money("discount", 0, 100),
        status("status", "fulfilled|fulfilled|fulfilled|backordered|cancelled")}},
      {"clickstream",
       50'000'000,
       "Web and app page views",
       {key("click_id"), ref("customer_id", "customers"), ref("product_id", "products"),
        timestamp("event_ts"),
        choice("event_type", "page_view|page_view|page_view|search|add_to_cart|checkout"),
        choice("device", "desktop|mobile|mobile|tablet|app"), code("session_id", "S", 10),
        integer("dwell_seconds", 1, 600)},
       "event_type"},
      {"reviews",
       30'000'000,
       "Product reviews",
       {key("review_id"), ref("product_id", "products"), ref("customer_id", "customers"),
        date("review_date"), integer("rating", 1, 5), flag("verified_purchase", 0.8),
        integer("helpful_votes", 0, 250),
        status("status", "published|published|published|pending|rejected")}},
      {"cart_events",
       5'000'000,
       "Cart additions and removals",
       {key("cart_event_id"), ref("customer_id", "customers"), ref("product_id", "products"),
        timestamp("event_ts"), choice("action", "add|add|remove|save_for_later"),
        integer("quantity", 1, 5)}},
      {"inventory",
       1'000'000,
       "Stock on hand per store and product",
       {key("inventory_id"), ref("store_id", "stores"), ref("product_id", "products"),
        integer("on_hand", 0, 500), integer("reorder_point", 5, 60), date("last_counted")}},
      {"returns",
       500'000,
       "Returned order items",
       {key("return_id"), ref("order_item_id", "order_items"), date("return_date"),
        choice("reason", "damaged|wrong_size|not_as_described|changed_mind|late"),
        money("refund_amount", 1, 2500), status("status", "received|refunded|refunded|rejected")}},
      {"shipments",
       1'000'000,
       "Parcel shipments of orders",
       {key("shipment_id"), ref("order_id", "orders"),
        choice("carrier", "UPS|FedEx|USPS|DHL|OnTrac"), date("shipped_date"),
        date("delivered_date"), money("shipping_cost", 0, 60),
        status("status", "delivered|delivered|delivered|in_transit|lost")}},
  };
  d.views = {
      {"revenue_by_category", "Revenue per product category",
       "SELECT c.category_name, sum(oi.quantity * oi.unit_price) AS revenue, "
       "count(*) AS items FROM {s}.order_items oi "
       "JOIN {s}.products p ON oi.product_id = p.product_id "
       "JOIN {s}.categories c ON p.category_id = c.category_id GROUP BY c.category_name"},
      {"top_customers", "Customers by lifetime order value",
       "SELECT c.customer_id, c.first_name, c.last_name, c.loyalty_tier, "
       "sum(o.order_total) AS lifetime_value FROM {s}.orders o "
       "JOIN {s}.customers c ON o.customer_id = c.customer_id "
       "GROUP BY c.customer_id, c.first_name, c.last_name, c.loyalty_tier"},
      {"product_ratings", "Average rating and review count per product",
       "SELECT product_id, count(*) AS reviews, avg(rating) AS avg_rating "
       "FROM {s}.reviews GROUP BY product_id"},
      {"low_stock", "Inventory at or below its reorder point",
       "SELECT store_id, product_id, on_hand, reorder_point FROM {s}.inventory "
       "WHERE on_hand <= reorder_point"},
      {"channel_mix", "Orders and revenue per channel",
       "SELECT channel, count(*) AS orders, sum(order_total) AS revenue "
       "FROM {s}.orders GROUP BY channel"},
  };
  d.functions = {
      {"gross_margin_pct", "price DECIMAL(12,2), cost DECIMAL(12,2)", "DOUBLE",
       "Gross margin in percent of the price",
       "CASE WHEN price = 0 THEN NULL "
       "ELSE round((CAST(price AS DOUBLE) - CAST(cost AS DOUBLE)) * 100.0 / "
       "CAST(price AS DOUBLE), 1) END"},
      {"discounted_price", "price DECIMAL(12,2), pct DOUBLE", "DOUBLE",
       "Price after a percentage discount", "round(CAST(price AS DOUBLE) * (1 - pct / 100.0), 2)"},
      {"rating_label", "rating INT", "STRING", "Words for a star rating",
       "CASE WHEN rating >= 5 THEN 'excellent' WHEN rating = 4 THEN 'good' "
       "WHEN rating = 3 THEN 'average' WHEN rating = 2 THEN 'poor' ELSE 'terrible' END"},
      {"needs_reorder", "on_hand INT, reorder_point INT", "BOOLEAN",
       "Whether stock must be reordered", "on_hand <= reorder_point"},
      {"loyalty_multiplier", "tier STRING", "DOUBLE", "Points multiplier of a loyalty tier",
       "CASE tier WHEN 'platinum' THEN 3.0 WHEN 'gold' THEN 2.0 WHEN 'silver' THEN 1.5 "
       "ELSE 1.0 END"},
  };
  return d;
}

}  // namespace clxs::generate::industries
