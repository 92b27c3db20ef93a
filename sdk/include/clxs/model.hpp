// Declarative request schemas: one declaration drives validation, defaults and OpenAPI.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clxs/json.hpp"

namespace clxs {

/// JSON type of a field.
enum class FieldType { String, Integer, Number, Boolean, Array, Object, Any };

/// The type's name as JSON Schema and OpenAPI spell it ("any" for Any, which they leave
/// untyped).
inline const char* fieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::String:
      return "string";
    case FieldType::Integer:
      return "integer";
    case FieldType::Number:
      return "number";
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Array:
      return "array";
    case FieldType::Object:
      return "object";
    case FieldType::Any:
      break;
  }
  return "any";
}

/// One field of a model (or the element type of an array). Built fluently:
/// `Field::integer().min(1).max(64).defaultsTo(4).describe("Schemas in parallel")`.
class Field {
 public:
  /// A string field.
  static Field string() { return Field(FieldType::String); }
  /// An integer field (JSON numbers without a fraction).
  static Field integer() { return Field(FieldType::Integer); }
  /// A number field (integer or float).
  static Field number() { return Field(FieldType::Number); }
  /// A boolean field.
  static Field boolean() { return Field(FieldType::Boolean); }
  /// An array whose elements match `items`.
  static Field array(Field items) {
    Field f(FieldType::Array);
    f.items_.push_back(std::move(items));
    return f;
  }
  /// A free-form JSON object (no declared properties).
  static Field object() { return Field(FieldType::Object); }
  /// A nested object with declared properties.
  static Field object(std::vector<std::pair<std::string, Field>> properties) {
    Field f(FieldType::Object);
    f.properties_ = std::move(properties);
    return f;
  }
  /// Any JSON value.
  static Field any() { return Field(FieldType::Any); }

  /// The field must be present (and not null unless nullable()).
  Field& required() {
    required_ = true;
    return *this;
  }
  /// Null is accepted and kept as null.
  Field& nullable() {
    nullable_ = true;
    return *this;
  }
  /// Value used when the field is absent (or null and not nullable).
  Field& defaultsTo(Json value) {
    default_ = std::move(value);
    return *this;
  }
  /// Allowed values; for strings the comparison is exact unless caseInsensitive().
  Field& oneOf(std::vector<Json> values) {
    enum_ = std::move(values);
    return *this;
  }
  /// Accept enum strings in any case and normalise them to the declared spelling.
  Field& caseInsensitive() {
    caseInsensitive_ = true;
    return *this;
  }
  /// Inclusive lower bound for numbers.
  Field& min(double v) {
    min_ = v;
    return *this;
  }
  /// Inclusive upper bound for numbers.
  Field& max(double v) {
    max_ = v;
    return *this;
  }
  /// Numbers above max() are clamped instead of rejected (the `limit` convention).
  Field& clampToMax() {
    clamp_ = true;
    return *this;
  }
  /// Minimum length of a string or array.
  Field& minLength(std::size_t n) {
    minLength_ = n;
    return *this;
  }
  /// Maximum length of a string or array.
  Field& maxLength(std::size_t n) {
    maxLength_ = n;
    return *this;
  }
  /// A full-match RE2 pattern the string must satisfy.
  Field& pattern(std::string re) {
    pattern_ = std::move(re);
    return *this;
  }
  /// The string is a Unity Catalog identifier: non-empty, no NUL, at most 255 characters.
  Field& identifier() {
    identifier_ = true;
    return *this;
  }
  /// Human description, shown in OpenAPI.
  Field& describe(std::string text) {
    description_ = std::move(text);
    return *this;
  }

  /// Declared JSON type.
  [[nodiscard]] FieldType type() const { return type_; }
  /// Whether the field must be present.
  [[nodiscard]] bool isRequired() const { return required_; }
  /// Whether null is a valid value.
  [[nodiscard]] bool isNullable() const { return nullable_; }
  /// Default value, if any.
  [[nodiscard]] const std::optional<Json>& defaultValue() const { return default_; }
  /// Allowed values (empty: any).
  [[nodiscard]] const std::vector<Json>& enumValues() const { return enum_; }
  /// Whether enum strings match in any case.
  [[nodiscard]] bool isCaseInsensitive() const { return caseInsensitive_; }
  /// Lower bound.
  [[nodiscard]] const std::optional<double>& minimum() const { return min_; }
  /// Upper bound.
  [[nodiscard]] const std::optional<double>& maximum() const { return max_; }
  /// Whether values over the upper bound are clamped.
  [[nodiscard]] bool clamps() const { return clamp_; }
  /// Minimum length.
  [[nodiscard]] const std::optional<std::size_t>& minimumLength() const { return minLength_; }
  /// Maximum length.
  [[nodiscard]] const std::optional<std::size_t>& maximumLength() const { return maxLength_; }
  /// Pattern, if any.
  [[nodiscard]] const std::optional<std::string>& regex() const { return pattern_; }
  /// Whether the value is validated as an identifier.
  [[nodiscard]] bool isIdentifier() const { return identifier_; }
  /// Description.
  [[nodiscard]] const std::string& description() const { return description_; }
  /// Element type of an array (empty for other types).
  [[nodiscard]] const std::vector<Field>& items() const { return items_; }
  /// Declared properties of an object.
  [[nodiscard]] const std::vector<std::pair<std::string, Field>>& properties() const {
    return properties_;
  }

 private:
  explicit Field(FieldType t) : type_(t) {}

  FieldType type_;
  bool required_ = false;
  bool nullable_ = false;
  bool caseInsensitive_ = false;
  bool clamp_ = false;
  bool identifier_ = false;
  std::optional<Json> default_;
  std::vector<Json> enum_;
  std::optional<double> min_;
  std::optional<double> max_;
  std::optional<std::size_t> minLength_;
  std::optional<std::size_t> maxLength_;
  std::optional<std::string> pattern_;
  std::string description_;
  std::vector<Field> items_;
  std::vector<std::pair<std::string, Field>> properties_;
};

/// A named request model: an object with declared fields. Unknown fields are ignored.
class Model {
 public:
  /// An empty model called `name` (the OpenAPI component name).
  explicit Model(std::string name) : name_(std::move(name)) {}
  /// Declares a field; order is kept for documentation.
  Model& field(std::string fieldName, Field f) {
    fields_.emplace_back(std::move(fieldName), std::move(f));
    return *this;
  }
  /// Component name in OpenAPI.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// Declared fields in order.
  [[nodiscard]] const std::vector<std::pair<std::string, Field>>& fields() const { return fields_; }

 private:
  std::string name_;
  std::vector<std::pair<std::string, Field>> fields_;
};

}  // namespace clxs
