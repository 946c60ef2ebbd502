// The rules of coverage, the check against them, the assignment proposal and its one-step
// application, and the contact cards.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/coverage_json.h"
#include "api/export.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/visible_region.h"
#include "pairing/coverage.h"
#include "pairing/region_assignment.h"
#include "report/contact_cards.h"
#include "store/pairing_repository.h"
#include "store/region_locks.h"

namespace shuanglian::api {

namespace {

// Proposals listed in one answer; the plan itself may hold a province's million.
constexpr std::size_t kListedProposals = 2000;

[[noreturn]] void BadField(const std::string& field, const std::string& code,
                           const std::string& message) {
  throw ApiError(400, "validation_failed", message,
                 boost::json::array{
                     boost::json::object{{"field", field}, {"code", code}, {"message", message}}});
}

Response Coverage(Context& context) {
  context.Require("pairing:coverage:query");
  const store::Region region = VisibleRegionParam(context);
  const pairing::CoverageReport report =
      pairing::CheckCoverage(context.db(), region.code, context.state().dictionaries);
  return Response::Json(CoverageToJson(report, context.state().dictionaries));
}

Response GetRules(Context& context) {
  context.Require("pairing:rule:query");
  const store::Region region = VisibleRegionParam(context);
  std::string from;
  const core::CoverageRule rule =
      store::PairingRepository(context.db())
          .EffectiveRule(region.code, context.state().dictionaries, &from);
  return Response::Json(RuleToJson(rule, from));
}

// Sets the rules of a region; what the body leaves out stays as the region has it now
// (its own, or the nearest ancestor's).
Response PutRules(Context& context) {
  context.Require("pairing:rule:edit");
  context.RequireWrite();
  const store::Region region = VisibleRegion(context, context.Param("code"));
  const boost::json::object body = ParseJsonObject(context.request());
  store::PairingRepository repository(context.db());
  std::string from;
  const core::CoverageRule before =
      repository.EffectiveRule(region.code, context.state().dictionaries, &from);
  core::CoverageRule rule = before;
  if (const auto max = IntField(body, "max_households_per_cadre")) {
    if (*max < 1 || *max > core::CoverageRule::kMaxQuota) {
      BadField("max_households_per_cadre", "out_of_range",
               "每名干部最多联系的户数应在 1 到 " + std::to_string(core::CoverageRule::kMaxQuota) +
                   " 之间");
    }
    rule.max_households_per_cadre = *max;
  }
  if (const auto* categories = body.if_contains("required_categories")) {
    if (!categories->is_array()) {
      BadField("required_categories", "bad_type", "required_categories 应为户属性的列表");
    }
    std::vector<std::string> names;
    for (const boost::json::value& name : categories->as_array()) {
      if (!name.is_string()) {
        BadField("required_categories", "bad_type", "required_categories 应为户属性的列表");
      }
      names.emplace_back(name.as_string());
    }
    if (const auto unknown = rule.SetRequiredCategories(names, context.state().dictionaries)) {
      BadField("required_categories", "not_in_dictionary", "户属性“" + *unknown + "”不存在");
    }
  }
  for (const char* name : {"village_needs_leader", "village_needs_unit", "group_needs_cadre"}) {
    if (const auto value = BoolField(body, name)) {
      rule.SetRequirement(name, *value);
    }
  }
  repository.SaveRule(region.code, rule, context.state().now());
  context.Audit("update", "coverage_rule", region.code, ToJsonText(RuleToJson(before, from)),
                ToJsonText(RuleToJson(rule, region.code)));
  return Response::Json(RuleToJson(rule, region.code));
}

Response Proposal(Context& context) {
  context.Require("pairing:assignment:query");
  const store::Region region = VisibleRegionParam(context);
  const pairing::AssignmentPlan plan =
      pairing::PlanAssignment(context.db(), region.code, context.state().dictionaries);
  return Response::Json(
      AssignmentToJson(plan, context.state().dictionaries, false, kListedProposals));
}

// Applies the proposal the user reviewed: planning again must give the same plan (its
// fingerprint), or nothing is written and the user reviews the new one.
Response Apply(Context& context) {
  context.Require("pairing:assignment:run");
  context.RequireWrite();
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string code = RequiredText(body, "region");
  const std::string plan_id = RequiredText(body, "plan_id");
  const store::Region region = VisibleRegion(context, code);
  // One application at a time: planned after any other has committed, the plan of a second
  // user applying the same proposal differs (its households are paired now) and is refused
  // below, instead of pairing every household twice.
  store::LockAssignmentsOf(context.db(), region.code);
  const pairing::AssignmentPlan plan =
      pairing::PlanAssignment(context.db(), region.code, context.state().dictionaries);
  if (pairing::PlanFingerprint(plan) != plan_id) {
    throw ApiError(409, "plan_changed",
                   "数据已变化，建议方案与您审阅的不同；请重新查看建议后再确认");
  }
  pairing::ApplyAssignment(context.db(), plan, context.state().today().ToIso(),
                           context.user().username, context.state().now());
  context.Audit(
      "assign", "pairing", region.code, std::nullopt,
      ToJsonText(boost::json::object{
          {"plan_id", plan_id}, {"pairings", static_cast<std::int64_t>(plan.proposals.size())}}));
  return Response::Json(
      AssignmentToJson(plan, context.state().dictionaries, true, kListedProposals));
}

// The contact cards of a region as a printable page (the browser prints it to PDF). A cadre
// or a unit gets the cards of their own households only: the household query is scoped.
Response Cards(Context& context) {
  context.Require("pairing:card:export");
  const store::Region region = RegionParamOfScopedQuery(context);
  report::CardOptions options;
  options.region_code = region.code;
  const std::string host = context.request().Header("host");
  options.base_url = host.empty() ? options.base_url : "http://" + host;
  options.today = context.state().today().ToIso();
  report::CardsSummary summary;
  Response response;
  response.body = report::ContactCardsHtml(context.db(), options, context.scope(), &summary);
  response.content_type = "text/html; charset=utf-8";
  if (context.request().QueryValue("download") == "1") {
    response.headers.emplace_back("Content-Disposition",
                                  ContentDisposition("连心卡-" + region.name + ".html"));
  }
  response.headers.emplace_back("X-Cards", std::to_string(summary.cards));
  response.headers.emplace_back("X-Households-Without-Helper",
                                std::to_string(summary.households_without_helper));
  return response;
}

}  // namespace

std::vector<Route> CoverageRoutes() {
  return {
      {"GET", "/api/v1/coverage", Coverage},     {"GET", "/api/v1/rules", GetRules},
      {"PUT", "/api/v1/rules/{code}", PutRules}, {"GET", "/api/v1/assignment", Proposal},
      {"POST", "/api/v1/assignment", Apply},     {"GET", "/api/v1/cards", Cards},
  };
}

}  // namespace shuanglian::api
