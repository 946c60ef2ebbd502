#include "api/stats_json.h"

#include <boost/json.hpp>

#include "core/decimal.h"
#include "core/region_code.h"

namespace shuanglian::api {

namespace {

// A scaled integer as a JSON number: 740800 at scale 2 is 7408.0.
boost::json::value Scaled(std::int64_t value, int scale) {
  if (scale == 0) {
    return value;
  }
  return std::stod(core::FormatScaled(value, scale));
}

}  // namespace

boost::json::value StatsToJson(const stats::RegionStats& stats) {
  boost::json::object region{{"code", stats.region.code},
                             {"name", stats.region.name},
                             {"level", std::string(core::LevelName(stats.region.level))}};
  boost::json::array categories;
  for (const stats::CategoryFigures& category : stats.by_category) {
    categories.push_back(boost::json::object{{"code", category.code},
                                             {"label", category.label},
                                             {"poor", category.poor},
                                             {"households", category.households},
                                             {"persons", category.persons}});
  }
  boost::json::array mismatches;
  for (const stats::Mismatch& mismatch : stats.mismatches) {
    mismatches.push_back(boost::json::object{
        {"region",
         boost::json::object{{"code", mismatch.region_code}, {"name", mismatch.region_name}}},
        {"figure", mismatch.figure},
        {"label", mismatch.label},
        {"unit", mismatch.unit},
        {"declared", Scaled(mismatch.declared, mismatch.scale)},
        {"computed", Scaled(mismatch.computed, mismatch.scale)},
        {"source", mismatch.source}});
  }
  boost::json::object out{
      {"region", region},
      {"townships", stats.townships},
      {"villages", stats.villages},
      {"groups", stats.groups},
      {"households", stats.households},
      {"persons", stats.persons},
      {"labour", stats.labour},
      {"poor_households", stats.poor_households},
      {"poor_persons", stats.poor_persons},
      {"arable_land_mu", Scaled(stats.arable_land_centimu, 2)},
      {"per_capita_income_yuan", stats.per_capita_income_fen
                                     ? Scaled(*stats.per_capita_income_fen, 2)
                                     : boost::json::value(nullptr)},
      {"households_with_member_mismatch", stats.households_with_member_mismatch},
      {"by_category", categories},
      {"mismatches", mismatches}};
  return out;
}

}  // namespace shuanglian::api
