// The 五个百 progress, its targets, and the integrity report.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/period_params.h"
#include "api/progress_json.h"
#include "api/visible_region.h"
#include "core/date.h"
#include "fieldwork/integrity.h"
#include "fieldwork/progress.h"
#include "store/progress_repository.h"

namespace shuanglian::api {

namespace {

Response Progress(Context& context) {
  context.Require("fieldwork:progress:query");
  const store::Region region = RegionParamOfScopedQuery(context);
  fieldwork::ProgressOptions options;
  options.behind_only = context.request().QueryValue("behind") == "1";
  options.offset = context.Offset();
  options.limit = context.Size();
  const auto report = fieldwork::ComputeProgress(context.db(), region.code, YearOf(context),
                                                 AsOf(context), context.scope(), options);
  boost::json::object out = ProgressToJson(report);
  out["page"] = context.Page();
  out["size"] = context.Size();
  return Response::Json(out);
}

// A cadre's own progress, for the phone's home screen.
Response Mine(Context& context) {
  context.Require("fieldwork:progress:query");
  if (!context.user().helper_id) {
    throw ApiError(404, "not_found", "您的账号没有对应的帮扶干部");
  }
  const int year = YearOf(context);
  store::ProgressRepository repository(context.db());
  const auto cadre = repository.Cadre(*context.user().helper_id, year, context.scope());
  if (!cadre) {
    throw ApiError(404, "not_found", "您的账号没有对应的帮扶干部");
  }
  const std::string place = cadre->place.empty() ? cadre->paired_village : cadre->place;
  const core::ProgressTargets targets = repository.EffectiveTargets(place);
  const core::ProgressCounts expected = core::ExpectedByNow(targets.yearly, year, AsOf(context));
  boost::json::object out = CountsJson(cadre->counts);
  out["helper_id"] = cadre->helper_id;
  out["name"] = cadre->name;
  out["year"] = year;
  out["targets"] = CountsJson(targets.yearly);
  out["expected_by_today"] = CountsJson(expected);
  out["behind_pace"] = core::BehindPace(cadre->counts, expected);
  return Response::Json(out);
}

Response GetTargets(Context& context) {
  context.Require("fieldwork:progress:query");
  const store::Region region = VisibleRegionParam(context);
  std::string from;
  const core::ProgressTargets targets =
      store::ProgressRepository(context.db()).EffectiveTargets(region.code, &from);
  boost::json::object out = CountsJson(targets.yearly);
  out["max_visits_per_day"] = targets.max_visits_per_day;
  out["set_at"] = from.empty() ? boost::json::value(nullptr) : boost::json::value(from);
  return Response::Json(out);
}

Response PutTargets(Context& context) {
  context.Require("fieldwork:target:edit");
  context.RequireWrite();
  const store::Region region = VisibleRegion(context, context.Param("code"));
  const boost::json::object body = ParseJsonObject(context.request());
  store::ProgressRepository repository(context.db());
  core::ProgressTargets targets = repository.EffectiveTargets(region.code);
  std::int64_t* fields[] = {&targets.yearly.stationed_days, &targets.yearly.households_visited,
                            &targets.yearly.diary_days, &targets.yearly.problems_solved,
                            &targets.yearly.suggestions};
  for (std::size_t index = 0; index < core::kProgressMeasures.size(); ++index) {
    if (const auto value = IntField(body, core::kProgressMeasures[index])) {
      if (*value < 0 || *value > 366) {
        const std::string key(core::kProgressMeasures[index]);
        throw ApiError(
            400, "validation_failed", key + " 应在 0 到 366 之间",
            boost::json::array{boost::json::object{{"field", key}, {"code", "out_of_range"}}});
      }
      *fields[index] = *value;
    }
  }
  if (const auto value = IntField(body, "max_visits_per_day")) {
    if (*value < 1 || *value > 100) {
      throw ApiError(400, "validation_failed", "max_visits_per_day 应在 1 到 100 之间",
                     boost::json::array{boost::json::object{{"field", "max_visits_per_day"},
                                                            {"code", "out_of_range"}}});
    }
    targets.max_visits_per_day = *value;
  }
  repository.SaveTargets(region.code, targets, context.state().now());
  boost::json::object out = CountsJson(targets.yearly);
  out["max_visits_per_day"] = targets.max_visits_per_day;
  out["set_at"] = region.code;
  context.Audit("update", "progress_targets", region.code, std::nullopt, ToJsonText(out));
  return Response::Json(out);
}

Response Integrity(Context& context) {
  context.Require("fieldwork:integrity:query");
  const store::Region region = RegionParamOfScopedQuery(context);
  fieldwork::IntegrityOptions options;
  options.year = YearOf(context);
  options.max_visits_per_day =
      store::ProgressRepository(context.db()).EffectiveTargets(region.code).max_visits_per_day;
  return Response::Json(IntegrityToJson(
      fieldwork::CheckIntegrity(context.db(), region.code, context.scope(), options)));
}

}  // namespace

std::vector<Route> ProgressRoutes() {
  return {
      {"GET", "/api/v1/progress", Progress},
      {"GET", "/api/v1/progress/me", Mine},
      {"GET", "/api/v1/progress-targets", GetTargets},
      {"PUT", "/api/v1/progress-targets/{code}", PutTargets},
      {"GET", "/api/v1/integrity", Integrity},
  };
}

}  // namespace shuanglian::api
