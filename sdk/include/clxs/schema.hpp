// Typed request and response models. A struct declares each field once, with its JSON name,
// its constraints and its doc; that one declaration drives the 422 validation, the OpenAPI
// schema, parsing a request body into the struct and serialising the struct back (job
// parameters, responses).
//
//   struct SleepRequest {
//     double seconds = 1;   // the default is the member's initial value
//     bool fail = false;
//     static const clxs::Schema<SleepRequest>& schema() {
//       static const auto s = clxs::Schema<SleepRequest>("SleepRequest")
//           .field("seconds", &SleepRequest::seconds,
//                  clxs::Field::number().min(0).max(60).describe("How long to sleep"))
//           .field("fail", &SleepRequest::fail, "End failed after sleeping");
//       return s;
//     }
//   };
#pragma once

#include <concepts>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "clxs/error.hpp"
#include "clxs/json.hpp"
#include "clxs/model.hpp"

namespace clxs {

template <class T>
class Schema;

/// A type with a typed model: `static const clxs::Schema<T>& schema()`.
template <class T>
concept HasSchema = requires {
  { T::schema() } -> std::same_as<const Schema<T>&>;
};

namespace detail {

template <class T>
struct OptionalOf {
  static constexpr bool value = false;
  using type = T;
};
template <class T>
struct OptionalOf<std::optional<T>> {
  static constexpr bool value = true;
  using type = T;
};
template <class T>
struct VectorOf {
  static constexpr bool value = false;
};
template <class T, class A>
struct VectorOf<std::vector<T, A>> {
  static constexpr bool value = true;
  using type = T;
};
template <class>
inline constexpr bool kUnsupportedMember = false;

/// The Field a member of type M is when nothing more is declared.
template <class M>
Field fieldFor() {
  if constexpr (OptionalOf<M>::value) {
    Field f = fieldFor<typename OptionalOf<M>::type>();
    f.nullable();
    return f;
  } else if constexpr (std::is_same_v<M, bool>) {
    return Field::boolean();
  } else if constexpr (std::is_integral_v<M>) {
    return Field::integer();
  } else if constexpr (std::is_floating_point_v<M>) {
    return Field::number();
  } else if constexpr (std::is_same_v<M, std::string>) {
    return Field::string();
  } else if constexpr (VectorOf<M>::value) {
    return Field::array(fieldFor<typename VectorOf<M>::type>());
  } else if constexpr (HasSchema<M>) {
    return M::schema().asField();
  } else if constexpr (std::is_same_v<M, Json>) {
    return Field::any();
  } else {
    static_assert(kUnsupportedMember<M>,
                  "a schema member must be bool, an integer, a floating point number, "
                  "std::string, Json, a type with a schema, or an optional or vector of these");
  }
}

/// Whether a declared field type can be read into a member of type M.
template <class M>
bool fits(FieldType declared) {
  const FieldType natural = fieldFor<M>().type();
  if (declared == natural) return true;
  if constexpr (std::is_same_v<typename OptionalOf<M>::type, Json>) {
    return true;  // Json holds anything
  } else if constexpr (std::is_floating_point_v<M>) {
    return declared == FieldType::Integer;
  } else {
    return false;
  }
}

/// Reads a validated JSON value into M.
template <class M>
M read(const Json& v) {
  if constexpr (OptionalOf<M>::value) {
    if (v.is_null()) return std::nullopt;
    return read<typename OptionalOf<M>::type>(v);
  } else if constexpr (VectorOf<M>::value) {
    M out;
    out.reserve(v.size());
    for (const auto& e : v) out.push_back(read<typename VectorOf<M>::type>(e));
    return out;
  } else if constexpr (HasSchema<M>) {
    return M::schema().parse(v);
  } else if constexpr (std::is_same_v<M, Json>) {
    return v;
  } else {
    return v.get<M>();
  }
}

/// Writes M as JSON.
template <class M>
Json write(const M& v) {
  if constexpr (OptionalOf<M>::value) {
    return v ? write(*v) : Json(nullptr);
  } else if constexpr (VectorOf<M>::value) {
    Json out = Json::array();
    for (const auto& e : v) out.push_back(write(e));
    return out;
  } else if constexpr (HasSchema<M>) {
    return M::schema().toJson(v);
  } else {
    return Json(v);
  }
}

}  // namespace detail

/// The typed model of struct T: a list of fields, each bound to a member (or to a group of
/// fields declared once in another schema and reused with include()).
template <class T>
class Schema {
 public:
  /// A schema named `name` (the OpenAPI component name).
  explicit Schema(std::string name) : model_(std::move(name)) {}

  /// Binds JSON field `name` to `member`, declared as `spec`. The spec's type must fit the
  /// member's; a field neither required nor defaulted takes the member's initial value as
  /// its default (optional members stay absent). Throws std::logic_error on a misfit.
  template <class M>
  Schema&& field(std::string name, M T::*member, Field spec) && {
    add(std::move(name), member, std::move(spec));
    return std::move(*this);
  }
  /// Binds JSON field `name` to `member` with the type the member implies and a doc line.
  template <class M>
  Schema&& field(std::string name, M T::*member, std::string description) && {
    Field spec = detail::fieldFor<M>();
    spec.describe(std::move(description));
    add(std::move(name), member, std::move(spec));
    return std::move(*this);
  }
  /// Binds a required JSON field `name` to `member`, with the type the member implies.
  template <class M>
  Schema&& required(std::string name, M T::*member, std::string description) && {
    Field spec = detail::fieldFor<M>();
    spec.required().describe(std::move(description));
    add(std::move(name), member, std::move(spec));
    return std::move(*this);
  }
  /// Reuses every field of G's schema at this level, read into and written from `member`
  /// (e.g. a source/destination catalog pair shared by many requests).
  template <class G>
  requires HasSchema<G> Schema && include(G T::*member) && {
    const Schema<G>& group = G::schema();
    for (const auto& [name, spec] : group.model().fields()) model_.field(name, spec);
    bindings_.push_back(
        Binding{[member](const Json& j, T& out) { out.*member = G::schema().parse(j); },
                [member](const T& in, Json& out) {
                  Json fields = G::schema().toJson(in.*member);
                  for (auto& [k, v] : fields.items()) out[k] = std::move(v);
                }});
    return std::move(*this);
  }
  /// A check across fields, run after parsing; throw clxs::unprocessable() to reject.
  Schema&& check(std::function<void(const T&)> fn) && {
    checks_.push_back(std::move(fn));
    return std::move(*this);
  }

  /// The untyped model the kernel validates with and OpenAPI shows.
  [[nodiscard]] const Model& model() const { return model_; }
  /// This schema as a nested object field.
  [[nodiscard]] Field asField() const { return Field::object(model_.fields()); }

  /// Reads a body the kernel validated (defaults applied) into T, then runs the checks.
  [[nodiscard]] T parse(const Json& body) const {
    T out{};
    if (!body.is_object()) return out;
    for (const auto& b : bindings_) b.read(body, out);
    for (const auto& c : checks_) c(out);
    return out;
  }
  /// T as the JSON object the schema describes.
  [[nodiscard]] Json toJson(const T& value) const {
    Json out = Json::object();
    for (const auto& b : bindings_) b.write(value, out);
    return out;
  }

 private:
  struct Binding {
    std::function<void(const Json&, T&)> read;
    std::function<void(const T&, Json&)> write;
  };

  template <class M>
  void add(std::string name, M T::*member, Field spec) {
    if (!detail::fits<M>(spec.type())) {
      throw std::logic_error("schema " + model_.name() + ": field '" + name + "' is declared " +
                             fieldTypeName(spec.type()) + " but its member holds " +
                             fieldTypeName(detail::fieldFor<M>().type()));
    }
    if constexpr (detail::OptionalOf<M>::value) {
      spec.nullable();
    } else {
      if (!spec.isRequired() && !spec.defaultValue()) spec.defaultsTo(detail::write(T{}.*member));
    }
    model_.field(name, std::move(spec));
    bindings_.push_back(
        Binding{[name, member](const Json& j, T& out) {
                  auto it = j.find(name);
                  if (it == j.end()) return;
                  // null where null means "not given" keeps the default
                  if (it->is_null() && !detail::OptionalOf<M>::value && !std::is_same_v<M, Json>) {
                    return;
                  }
                  out.*member = detail::read<M>(*it);
                },
                [name, member](const T& in, Json& out) { out[name] = detail::write(in.*member); }});
  }

  Model model_;
  std::vector<Binding> bindings_;
  std::vector<std::function<void(const T&)>> checks_;
};

}  // namespace clxs
