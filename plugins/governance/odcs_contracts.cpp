#include "plugins/governance/odcs_contracts.hpp"

#include "clxs/error.hpp"
#include "clxs/id.hpp"
#include "plugins/governance/odcs_document.hpp"

namespace clxs::governance {

std::string ContractService::now() const {
  return isoUtc(clock_.now());
}

StoredContract ContractService::create(Json doc, const std::string& actor,
                                       const std::string& summary, const std::string& root) {
  if (!doc.is_object()) {
    throw unprocessable(Json::array({root}), "a data contract is an object", "dict_type");
  }
  const Json& given = doc.value("id", Json());
  std::string id = given.is_string() ? given.get<std::string>() : std::string();
  if (id.empty()) id = newUuid();
  if (id.size() > 255)
    throw unprocessable(Json::array({root, "id"}), "id is at most 255 characters");
  doc = completeDocument(std::move(doc), id);
  requireValidDocument(doc, root);
  const std::string at = now();
  StoredContract c{id, doc, actor, at, actor, at};
  if (!store_->insert(c, summary)) {
    throw conflict("Contract " + id + " exists already; PUT /api/governance/odcs/contracts/" + id +
                   " revises it, or delete it first.");
  }
  history_->record({"odcs_contract", id, "create", actor, nullptr, doc, at});
  return c;
}

StoredContract ContractService::revise(const StoredContract& current, Json next,
                                       const std::string& actor, const std::string& summary) {
  if (!next.is_object()) {
    throw unprocessable(Json::array({"body"}), "a data contract is an object", "dict_type");
  }
  next["id"] = current.id;
  const Json& was = current.document.value("version", Json());
  const Json& asked = next.value("version", Json());
  if (asked == was && asked.is_string()) {
    std::string v = bumpOdcsPatch(asked.get<std::string>());
    while (store_->hasVersion(current.id, v)) v = bumpOdcsPatch(v);
    next["version"] = v;
  } else if (asked.is_string() && store_->hasVersion(current.id, asked.get<std::string>())) {
    throw conflict("Version " + asked.get<std::string>() + " of contract " + current.id +
                   " is archived already and revisions never change; give a new version or "
                   "keep the current one to bump its patch.");
  }
  requireValidDocument(next, "body");
  StoredContract c = current;
  c.document = next;
  c.updatedBy = actor;
  c.updatedAt = now();
  if (!store_->revise(c, summary)) {
    throw conflict("Version " + next.value("version", std::string()) + " of contract " +
                   current.id + " was archived meanwhile; retry.");
  }
  history_->record(
      {"odcs_contract", current.id, "update", actor, current.document, next, c.updatedAt});
  return c;
}

StoredContract ContractService::require(const std::string& id) const {
  auto c = store_->find(id);
  if (!c) throw notFound("Contract " + id + " not found.");
  return *c;
}

void ContractService::remove(const std::string& id, const std::string& actor) {
  const auto c = require(id);
  store_->remove(id);
  history_->record({"odcs_contract", id, "delete", actor, c.document, nullptr, now()});
}

Json ContractService::toJson(const StoredContract& c, bool withDocument) {
  const Json& d = c.document;
  const auto text = [&](const char* k) {
    const Json& v = d.value(k, Json());
    return v.is_string() ? v : Json();
  };
  Json tables = Json::array();
  for (const auto& t : contractTables(d)) tables.push_back(t);
  Json out{{"contract_id", c.id},        {"name", text("name")},
           {"version", text("version")}, {"status", text("status")},
           {"domain", text("domain")},   {"data_product", text("dataProduct")},
           {"tenant", text("tenant")},   {"table_fqns", tables},
           {"created_by", c.createdBy},  {"created_at", c.createdAt},
           {"updated_by", c.updatedBy},  {"updated_at", c.updatedAt}};
  if (withDocument) out["odcs_document"] = d;
  return out;
}

}  // namespace clxs::governance
