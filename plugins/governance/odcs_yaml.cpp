#include "plugins/governance/odcs_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include "clxs/error.hpp"

namespace clxs::governance {

namespace {

void odcsEmit(YAML::Emitter& out, const Json& v) {
  if (v.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [k, x] : v.items()) {
      out << YAML::Key << YAML::DoubleQuoted << k << YAML::Value;
      odcsEmit(out, x);
    }
    out << YAML::EndMap;
  } else if (v.is_array()) {
    out << YAML::BeginSeq;
    for (const auto& x : v) odcsEmit(out, x);
    out << YAML::EndSeq;
  } else if (v.is_string()) {
    out << YAML::DoubleQuoted << v.get<std::string>();
  } else if (v.is_boolean()) {
    out << (v.get<bool>() ? "true" : "false");
  } else if (v.is_null()) {
    out << YAML::Null;
  } else {
    out << v.dump();
  }
}

// A plain (unquoted) scalar as YAML 1.2's core schema types it.
Json odcsPlainScalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  const Json number = Json::parse(s, nullptr, false);
  if (number.is_number()) return number;
  return s;
}

Json odcsToJson(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Json out = Json::object();
      for (const auto& kv : n) out[kv.first.as<std::string>()] = odcsToJson(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Json out = Json::array();
      for (const auto& x : n) out.push_back(odcsToJson(x));
      return out;
    }
    case YAML::NodeType::Scalar:
      return n.Tag() == "!" ? Json(n.Scalar()) : odcsPlainScalar(n.Scalar());
    default:
      return nullptr;
  }
}

}  // namespace

std::string contractToYaml(const Json& doc) {
  YAML::Emitter out;
  odcsEmit(out, doc);
  return std::string(out.c_str()) + "\n";
}

Json contractFromYaml(const std::string& yaml) {
  const Json loc = Json::array({"body", "yaml_content"});
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw unprocessable(loc, std::string("yaml_content is not valid YAML: ") + e.what());
  }
  if (!root.IsMap()) {
    throw unprocessable(loc, "yaml_content must hold one ODCS document (a mapping)");
  }
  try {
    return odcsToJson(root);
  } catch (const YAML::Exception& e) {
    throw unprocessable(loc, std::string("yaml_content cannot be read: ") + e.what());
  }
}

}  // namespace clxs::governance
