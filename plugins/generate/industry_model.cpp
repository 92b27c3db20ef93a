#include "plugins/generate/industry_model.hpp"

#include <utility>

namespace clxs::generate {
namespace {

ColumnDef make(std::string name, ColumnKind kind, std::string ref, double low, double high,
               std::string comment) {
  ColumnDef c;
  c.name = std::move(name);
  c.kind = kind;
  c.ref = std::move(ref);
  c.low = low;
  c.high = high;
  c.comment = std::move(comment);
  return c;
}

}  // namespace

namespace col {

ColumnDef key(std::string name, std::string comment) {
  return make(std::move(name), ColumnKind::Key, {}, 0, 0, std::move(comment));
}
ColumnDef ref(std::string name, std::string table, std::string comment) {
  return make(std::move(name), ColumnKind::ForeignKey, std::move(table), 0, 0, std::move(comment));
}
ColumnDef date(std::string name, std::string comment) {
  return make(std::move(name), ColumnKind::Date, {}, 0, 0, std::move(comment));
}
ColumnDef timestamp(std::string name, std::string comment) {
  return make(std::move(name), ColumnKind::Timestamp, {}, 0, 0, std::move(comment));
}
ColumnDef birthDate(std::string name) {
  return make(std::move(name), ColumnKind::BirthDate, {}, 0, 0, "Date of birth");
}
ColumnDef money(std::string name, double low, double high, std::string comment) {
  return make(std::move(name), ColumnKind::Money, {}, low, high, std::move(comment));
}
ColumnDef integer(std::string name, double low, double high, std::string comment) {
  return make(std::move(name), ColumnKind::Integer, {}, low, high, std::move(comment));
}
ColumnDef number(std::string name, double low, double high, std::string comment) {
  return make(std::move(name), ColumnKind::Number, {}, low, high, std::move(comment));
}
ColumnDef choice(std::string name, std::string values, std::string comment) {
  return make(std::move(name), ColumnKind::Choice, std::move(values), 0, 0, std::move(comment));
}
ColumnDef status(std::string name, std::string values) {
  return make(std::move(name), ColumnKind::Status, std::move(values), 0, 0, "Lifecycle status");
}
ColumnDef flag(std::string name, double p, std::string comment) {
  return make(std::move(name), ColumnKind::Flag, {}, p, 0, std::move(comment));
}
ColumnDef code(std::string name, std::string prefix, int digits, std::string comment) {
  return make(std::move(name), ColumnKind::Code, std::move(prefix), 0, digits, std::move(comment));
}
ColumnDef firstName(std::string name) {
  return make(std::move(name), ColumnKind::FirstName, {}, 0, 0, "First name");
}
ColumnDef lastName(std::string name) {
  return make(std::move(name), ColumnKind::LastName, {}, 0, 0, "Last name");
}
ColumnDef fullName(std::string name) {
  return make(std::move(name), ColumnKind::FullName, {}, 0, 0, "Full name");
}
ColumnDef email(std::string name) {
  return make(std::move(name), ColumnKind::Email, {}, 0, 0, "E-mail address");
}
ColumnDef phone(std::string name) {
  return make(std::move(name), ColumnKind::Phone, {}, 0, 0, "Phone number");
}
ColumnDef street(std::string name) {
  return make(std::move(name), ColumnKind::Street, {}, 0, 0, "Street address");
}
ColumnDef city(std::string name) {
  return make(std::move(name), ColumnKind::City, {}, 0, 0, "City");
}
ColumnDef state(std::string name) {
  return make(std::move(name), ColumnKind::State, {}, 0, 0, "US state code");
}
ColumnDef zip(std::string name) {
  return make(std::move(name), ColumnKind::Zip, {}, 0, 0, "ZIP code");
}
ColumnDef ssn(std::string name) {
  return make(std::move(name), ColumnKind::Ssn, {}, 0, 0, "Social security number (synthetic)");
}

}  // namespace col

bool isPii(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::FirstName:
    case ColumnKind::LastName:
    case ColumnKind::FullName:
    case ColumnKind::Email:
    case ColumnKind::Phone:
    case ColumnKind::Street:
    case ColumnKind::Ssn:
    case ColumnKind::BirthDate:
      return true;
    default:
      return false;
  }
}

std::string piiTag(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::FirstName:
    case ColumnKind::LastName:
    case ColumnKind::FullName:
      return "name";
    case ColumnKind::Email:
      return "email";
    case ColumnKind::Phone:
      return "phone";
    case ColumnKind::Street:
      return "address";
    case ColumnKind::Ssn:
      return "ssn";
    case ColumnKind::BirthDate:
      return "dob";
    default:
      return {};
  }
}

}  // namespace clxs::generate
