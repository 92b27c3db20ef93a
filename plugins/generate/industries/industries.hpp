// The ten industries of the demo catalog, one definition table each.
#pragma once

#include "plugins/generate/industry_model.hpp"

namespace clxs::generate::industries {

/// Health system: patients, providers, encounters, claims, prescriptions.
IndustryDef healthcare();
/// Retail bank: customers, accounts, cards, loans, transactions, trading.
IndustryDef financial();
/// Omnichannel retailer: products, orders, clickstream, reviews.
IndustryDef retail();
/// Mobile operator: subscribers, call detail records, usage, billing.
IndustryDef telecom();
/// Discrete manufacturer: machines, sensors, production, quality.
IndustryDef manufacturing();
/// Electric utility: meters, grid events, generation, outages.
IndustryDef energy();
/// University system: students, courses, enrollments, assessments.
IndustryDef education();
/// Residential brokerage: properties, listings, offers, closings.
IndustryDef realEstate();
/// Carrier: shipments, tracking, fleet telemetry, warehouses.
IndustryDef logistics();
/// P&C insurer: policies, underwriting, premiums, claims.
IndustryDef insurance();

}  // namespace clxs::generate::industries
