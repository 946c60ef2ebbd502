// Statistics of a region: the same JSON as `shuanglian stats`, and totals per child.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/registry_json.h"
#include "api/stats_json.h"
#include "api/visible_region.h"
#include "core/region_code.h"
#include "stats/region_stats.h"
#include "store/scope_sql.h"

namespace shuanglian::api {

namespace {

std::string VisibleRegionCode(Context& context) {
  return VisibleRegionParam(context).code;
}

Response Stats(Context& context) {
  context.Require("stats:region:query");
  const std::string code = VisibleRegionCode(context);
  try {
    return Response::Json(
        StatsToJson(stats::ComputeRegionStats(context.db(), code, context.state().dictionaries)));
  } catch (const std::invalid_argument&) {
    throw ApiError(404, "not_found", "区划 " + code + " 不存在或不在您的管理范围内");
  }
}

Response Children(Context& context) {
  context.Require("stats:region:query");
  const std::string code = VisibleRegionCode(context);
  boost::json::array items;
  for (const stats::ChildTotals& child :
       stats::ComputeChildTotals(context.db(), code, context.state().dictionaries)) {
    items.push_back(boost::json::object{
        {"region", RegionJson(child.region, child.region.level < core::RegionLevel::kGroup)},
        {"villages", child.villages},
        {"households", child.households},
        {"persons", child.persons},
        {"poor_households", child.poor_households},
        {"poor_persons", child.poor_persons}});
  }
  return Response::Json(boost::json::object{{"items", items}});
}

}  // namespace

std::vector<Route> StatsRoutes() {
  return {
      {"GET", "/api/v1/stats", Stats},
      {"GET", "/api/v1/stats/children", Children},
  };
}

}  // namespace shuanglian::api
