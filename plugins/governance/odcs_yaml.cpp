#include "plugins/governance/odcs_yaml.hpp"

#include "clxs/error.hpp"
#include "clxs/yaml.hpp"

namespace clxs::governance {

std::string contractToYaml(const Json& doc) {
  return emitYaml(doc);
}

Json contractFromYaml(const std::string& yaml) {
  const Json loc = Json::array({"body", "yaml_content"});
  Json doc;
  try {
    doc = parseYaml(yaml);
  } catch (const YamlError& e) {
    throw unprocessable(loc, std::string("yaml_content is not valid YAML: ") + e.what());
  }
  if (!doc.is_object()) {
    throw unprocessable(loc, "yaml_content must hold one ODCS document (a mapping)");
  }
  return doc;
}

}  // namespace clxs::governance
