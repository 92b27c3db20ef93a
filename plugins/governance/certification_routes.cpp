#include "plugins/governance/certification_routes.hpp"

#include <string>
#include <utility>

#include "clxs/error.hpp"
#include "clxs/schema.hpp"

namespace clxs::governance {
namespace {

constexpr const char* kCertBase = "/api/governance/certifications";

struct CertificationBody {
  std::string tableFqn;
  std::string certifier;
  std::string expiryDate;
  std::string notes;
  std::string status = "pending";
  std::string reviewFrequency;
  bool mirrorTag = false;
  static const Schema<CertificationBody>& schema() {
    static const auto s =
        Schema<CertificationBody>("CertificationRequest")
            .field("table_fqn", &CertificationBody::tableFqn,
                   Field::string().required().minLength(1).maxLength(767).describe(
                       "catalog.schema.table (backticks around a part with a dot)"))
            .field("certifier", &CertificationBody::certifier,
                   Field::string().maxLength(255).describe("Who is asked to certify it"))
            .field("expiry_date", &CertificationBody::expiryDate,
                   Field::string().maxLength(64).describe(
                       "YYYY-MM-DD (expires as that day begins, UTC) or an ISO-8601 time; "
                       "must be in the future"))
            .field("notes", &CertificationBody::notes,
                   Field::string().maxLength(4000).describe("Notes"))
            .field("status", &CertificationBody::status,
                   Field::string()
                       .oneOf({"pending", "pending_review", "draft", "certified", "deprecated",
                               "under_investigation"})
                       .caseInsensitive()
                       .defaultsTo("pending")
                       .describe("pending (draft and pending_review too) awaits approval; "
                                 "certified certifies it at once, by its creator; the "
                                 "original's other statuses are refused with a reason"))
            .field("review_frequency", &CertificationBody::reviewFrequency,
                   Field::string().maxLength(32).describe(
                       "monthly, quarterly, semiannual or annual: without an expiry_date, the "
                       "certification expires this long after it is certified"))
            .field("mirror_tag", &CertificationBody::mirrorTag,
                   Field::boolean().defaultsTo(false).describe(
                       "Mirror the status as the table's Unity Catalog tag `certification`"));
    return s;
  }
};

struct ReviewBody {
  std::string certId;
  std::string action;
  std::string reviewerNotes;
  static const Schema<ReviewBody>& schema() {
    static const auto s =
        Schema<ReviewBody>("CertificationReview")
            .field(
                "cert_id", &ReviewBody::certId,
                Field::string().required().minLength(1).maxLength(64).describe("The certification"))
            .field("action", &ReviewBody::action,
                   Field::string()
                       .required()
                       .oneOf({"approve", "reject"})
                       .caseInsensitive()
                       .describe("approve (certified) or reject (rejected)"))
            .field("reviewer_notes", &ReviewBody::reviewerNotes,
                   Field::string().maxLength(4000).describe("Why"));
    return s;
  }
};

struct RevokeBody {
  std::string certId;
  std::string reason;
  static const Schema<RevokeBody>& schema() {
    static const auto s =
        Schema<RevokeBody>("CertificationRevoke")
            .field(
                "cert_id", &RevokeBody::certId,
                Field::string().required().minLength(1).maxLength(64).describe("The certification"))
            .field("reason", &RevokeBody::reason,
                   Field::string().required().minLength(1).maxLength(4000).describe("Why"));
    return s;
  }
};

Field certNullableText(const char* what) {
  return Field::string().nullable().describe(what);
}

Model certificationModel() {
  return Model("Certification")
      .field("cert_id", Field::string().describe("Id"))
      .field("table_fqn", Field::string().describe("catalog.schema.table"))
      .field("status", Field::string().describe("pending, certified, rejected, expired, revoked"))
      .field("certifier", certNullableText("Who certifies it"))
      .field("notes", certNullableText("The request's notes"))
      .field("expiry_date", certNullableText("As given"))
      .field("expires_at", certNullableText("When it expires (ISO-8601 UTC)"))
      .field("review_frequency", certNullableText("monthly, quarterly, semiannual or annual"))
      .field("mirror_tag", Field::boolean().describe("Mirrored as the tag `certification`"))
      .field("requested_by", Field::string().describe("Who requested it"))
      .field("requested_at", Field::string().describe("When"))
      .field("reviewed_by", certNullableText("Who approved or rejected it"))
      .field("reviewed_at", certNullableText("When"))
      .field("reviewer_notes", certNullableText("The reviewer's notes"))
      .field("certified_at", certNullableText("When it was certified"))
      .field("ended_at", certNullableText("When it was rejected, expired or revoked"))
      .field("end_reason", certNullableText("Why it ended"))
      .field("updated_at", Field::string().describe("Last transition"));
}

Field certHistoryField() {
  return Field::array(Field::object({{"from_status", certNullableText("Before (null: created)")},
                                     {"to_status", Field::string().describe("After")},
                                     {"action", Field::string().describe(
                                                    "create, approve, reject, expire, revoke")},
                                     {"actor", Field::string().describe("Who")},
                                     {"notes", certNullableText("Why")},
                                     {"at", Field::string().describe("When")}}))
      .describe("Every transition, oldest first");
}

Model certificationWithHistoryModel(const char* name) {
  auto m = certificationModel();
  Model out(name);
  for (const auto& [field, spec] : m.fields()) out.field(field, spec);
  out.field("history", certHistoryField());
  return out;
}

// A declared query parameter: absent ones arrive as null.
std::string certQuery(const Request& req, const char* name) {
  const auto it = req.query().find(name);
  return it != req.query().end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json certWithHistory(const CertificationService& service, const Certification& c) {
  auto out = certificationJson(c);
  out["history"] = service.store().history(c.certId);
  return out;
}

}  // namespace

void registerCertificationRoutes(Routes& routes, std::shared_ptr<CertificationService> service) {
  const std::string base = kCertBase;

  routes.post(base)
      .summary("Request a certification of a table")
      .description(
          "Starts pending until a reviewer approves or rejects it (POST .../approve); "
          "status=certified certifies it at once, its creator as the reviewer. A table has at "
          "most one pending or certified certification (409 otherwise). A certified table "
          "expires at its expiry_date (or review_frequency after certification) through the "
          "plugin's scheduler; revoke ends it sooner. With mirror_tag the status is also set as "
          "the table's Unity Catalog tag `certification`.")
      .body<CertificationBody>()
      .mutates()
      .returns(certificationWithHistoryModel("CertificationCreated"))
      .handle([service](const Request& req, const CertificationBody& b) {
        CertificationRequest r{b.tableFqn, b.certifier,       b.expiryDate, b.notes,
                               b.status,   b.reviewFrequency, b.mirrorTag};
        const auto c = service->create(*req.workspace(), r, actorOf(req));
        return certWithHistory(*service, c);
      });

  routes.get(base)
      .summary("List certifications")
      .description("Newest request first, every status (expired and revoked ones included).")
      .query("table_fqn", Field::string().maxLength(767).describe("Only this table's"))
      .query("status", Field::string()
                           .oneOf({"pending", "certified", "rejected", "expired", "revoked"})
                           .describe("Only this status"))
      .returnsListOf(certificationModel())
      .handle([service](const Request& req) {
        Json out = Json::array();
        for (const auto& c :
             service->store().list(certQuery(req, "table_fqn"), certQuery(req, "status"))) {
          out.push_back(certificationJson(c));
        }
        return out;
      });

  routes.get(base + "/{cert_id}")
      .summary("One certification with its transitions")
      .pathParam("cert_id", Field::string().required().maxLength(64).describe("Certification"))
      .returns(certificationWithHistoryModel("CertificationWithHistory"))
      .handle([service](const Request& req) {
        const auto c = service->store().find(req.param("cert_id"));
        if (!c) throw notFound("Certification '" + req.param("cert_id") + "' not found.");
        return certWithHistory(*service, *c);
      });

  routes.post(base + "/approve")
      .summary("Approve or reject a pending certification")
      .description(
          "approve moves it to certified, reject to rejected; any other state is a 409. "
          "Answers status approved or rejected with the certification and its transitions.")
      .body<ReviewBody>()
      .mutates()
      .returns(Model("CertificationReviewed")
                   .field("cert_id", Field::string().describe("Id"))
                   .field("status", Field::string().describe("approved or rejected"))
                   .field("certification",
                          Field::object().describe("The certification with its history")))
      .handle([service](const Request& req, const ReviewBody& b) {
        const bool approve = b.action == "approve";  // normalised by the model
        const auto c =
            service->review(*req.workspace(), b.certId, approve, b.reviewerNotes, actorOf(req));
        return Json{{"cert_id", c.certId},
                    {"status", approve ? "approved" : "rejected"},
                    {"certification", certWithHistory(*service, c)}};
      });

  routes.post(base + "/revoke")
      .summary("Revoke a certification")
      .description("Ends a certified certification before its expiry (409 in another state).")
      .body<RevokeBody>()
      .mutates()
      .returns(Model("CertificationRevoked")
                   .field("cert_id", Field::string().describe("Id"))
                   .field("status", Field::string().describe("revoked"))
                   .field("certification",
                          Field::object().describe("The certification with its history")))
      .handle([service](const Request& req, const RevokeBody& b) {
        const auto c = service->revoke(*req.workspace(), b.certId, b.reason, actorOf(req));
        return Json{{"cert_id", c.certId},
                    {"status", "revoked"},
                    {"certification", certWithHistory(*service, c)}};
      });
}

}  // namespace clxs::governance
