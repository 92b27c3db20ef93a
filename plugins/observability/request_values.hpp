// What the observability routes read off a request: call options with a deadline and the
// caller's warehouse, and declared query parameters (absent when not sent and not defaulted);
// and numbers off a result cell, which a remote warehouse may send as text.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "clxs/clock.hpp"
#include "clxs/http.hpp"
#include "clxs/object_name.hpp"
#include "clxs/workspace.hpp"

namespace clxs::observability {

/// Call options for a request's workspace calls: `deadline` from now, its warehouse.
CallOptions callOptions(const Request& req, const Clock& clock, std::chrono::seconds deadline);

/// A table named catalog.schema.table (backticks allowed), or HttpError 400 saying so.
ObjectName tableNameOf(const std::string& fqn);

/// The text query parameter `name`, or "" when absent.
std::string queryText(const Request& req, const char* name);

/// The numeric query parameter `name`, or `fallback` when absent.
double queryNumber(const Request& req, const char* name, double fallback);

/// A result cell as a number: a JSON number, or text that parses as one; nullopt otherwise.
std::optional<double> numberOf(const Json& cell);

}  // namespace clxs::observability
