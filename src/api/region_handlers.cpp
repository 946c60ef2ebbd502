// The region tree and the profiles of its villages and townships.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/profile_json.h"
#include "api/registry_json.h"
#include "api/visible_region.h"
#include "core/figure.h"
#include "core/region_code.h"
#include "core/text.h"
#include "stats/region_stats.h"
#include "store/profile_repository.h"
#include "store/region_repository.h"
#include "store/scope_sql.h"

namespace shuanglian::api {

namespace {

bool HasChildren(const store::Region& region) {
  return region.level < core::RegionLevel::kGroup;
}

boost::json::array RegionList(const std::vector<store::Region>& regions) {
  boost::json::array items;
  for (const store::Region& region : regions) {
    items.push_back(RegionJson(region, HasChildren(region)));
  }
  return items;
}

Response Roots(Context& context) {
  context.Require("registry:region:query");
  store::RegionRepository regions(context.db());
  std::vector<store::Region> roots;
  if (context.scope().kind == store::DataScope::Kind::kAll) {
    roots = regions.Children("");
  } else if (context.scope().kind == store::DataScope::Kind::kRegion) {
    if (auto region = regions.Get(context.scope().region_code)) {
      roots.push_back(*region);
    }
  }
  return Response::Json(boost::json::object{{"items", RegionList(roots)}});
}

Response GetRegion(Context& context) {
  context.Require("registry:region:query");
  const store::Region region = VisibleRegion(context, context.Param("code"));
  boost::json::object out = RegionJson(region, HasChildren(region));
  out["parent_code"] = region.parent_code;
  out["path"] = RegionList(store::RegionRepository(context.db()).PathToRoot(region.code));
  return Response::Json(out);
}

Response Children(Context& context) {
  context.Require("registry:region:query");
  const store::Region region = VisibleRegion(context, context.Param("code"));
  return Response::Json(boost::json::object{
      {"items", RegionList(store::RegionRepository(context.db()).Children(region.code))}});
}

Response Search(Context& context) {
  context.Require("registry:region:query");
  const std::string text = context.request().QueryValue("search");
  if (text.empty()) {
    throw ApiError(
        400, "required", "请输入要搜索的名称",
        boost::json::array{boost::json::object{{"field", "search"}, {"code", "required"}}});
  }
  std::int64_t limit = 20;
  if (const std::string given = context.request().QueryValue("limit"); !given.empty()) {
    limit = std::clamp<std::int64_t>(std::atoll(given.c_str()), 1, 100);
  }
  boost::json::array items;
  if (context.scope().kind == store::DataScope::Kind::kAll ||
      context.scope().kind == store::DataScope::Kind::kRegion) {
    store::RegionRepository regions(context.db());
    const std::string within =
        context.scope().kind == store::DataScope::Kind::kRegion ? context.scope().region_code : "";
    for (const store::Region& region :
         regions.SearchByName(text, within, static_cast<std::size_t>(limit))) {
      boost::json::object item = RegionJson(region, HasChildren(region));
      item["path"] = RegionList(regions.PathToRoot(region.code));
      items.push_back(std::move(item));
    }
  }
  return Response::Json(boost::json::object{{"items", items}});
}

boost::json::value ProfileOf(Context& context, const store::Region& region) {
  const stats::RegionStats stats =
      stats::ComputeRegionStats(context.db(), region.code, context.state().dictionaries);
  return ProfileToJson(store::ProfileRepository(context.db()).Get(region.code), stats,
                       context.state().dictionaries);
}

Response GetProfile(Context& context) {
  context.Require("registry:profile:query");
  return Response::Json(ProfileOf(context, VisibleRegion(context, context.Param("code"))));
}

Response PutProfile(Context& context) {
  context.Require("registry:profile:edit");
  context.RequireWrite();
  const store::Region region = VisibleRegion(context, context.Param("code"));
  const boost::json::object body = ParseJsonObject(context.request());
  store::ProfileRepository profiles(context.db());
  store::RegionProfile profile = profiles.Get(region.code);
  const std::string before = ToJsonText(ProfileOf(context, region));
  for (const std::string& name : store::ProfileTextFields()) {
    if (auto text = TextField(body, name)) {
      if (core::Utf8Length(*text) > 2000) {
        throw ApiError(
            400, "too_long", name + " 过长（最多2000字）",
            boost::json::array{boost::json::object{{"field", name}, {"code", "too_long"}}});
      }
      store::SetProfileText(profile, name, *text);
    }
  }
  const core::Dictionary& figures = context.state().dictionaries.Get(core::dict::kFigure);
  boost::json::array errors;
  if (const auto found = body.find("figures"); found != body.end() && !found->value().is_null()) {
    if (!found->value().is_object()) {
      throw ApiError(
          400, "wrong_type", "figures 应为对象",
          boost::json::array{boost::json::object{{"field", "figures"}, {"code", "wrong_type"}}});
    }
    for (const auto& [key, value] : found->value().get_object()) {
      const core::DictionaryItem* figure = figures.FindCode(key);
      const std::string field = "figures." + std::string(key);
      if (figure == nullptr) {
        errors.push_back(boost::json::object{{"field", field},
                                             {"code", "unknown_figure"},
                                             {"message", "没有指标 " + std::string(key)}});
        continue;
      }
      if (value.is_null()) {
        profile.declared.erase(figure->code);
        profile.declared_sources.erase(figure->code);
        continue;
      }
      if (!value.is_number() && !value.is_string()) {
        errors.push_back(boost::json::object{
            {"field", field}, {"code", "wrong_type"}, {"message", figure->label + "应为数字"}});
        continue;
      }
      const std::string text =
          value.is_string() ? std::string(value.get_string()) : ToJsonText(value);
      const auto parsed = core::ParseFigureValue(*figure, text);
      if (!parsed) {
        errors.push_back(boost::json::object{
            {"field", field}, {"code", parsed.error().code}, {"message", parsed.error().message}});
        continue;
      }
      profile.declared[figure->code] = *parsed;
    }
  }
  if (const auto found = body.find("figure_sources");
      found != body.end() && found->value().is_object()) {
    for (const auto& [key, value] : found->value().get_object()) {
      if (value.is_string() && profile.declared.count(std::string(key)) > 0) {
        profile.declared_sources[std::string(key)] = std::string(value.get_string());
      }
    }
  }
  const core::Dictionary& difficulties = context.state().dictionaries.Get(core::dict::kDifficulty);
  if (const auto found = body.find("difficulties");
      found != body.end() && found->value().is_object()) {
    for (const auto& [key, value] : found->value().get_object()) {
      const core::DictionaryItem* difficulty = difficulties.FindCode(key);
      if (difficulty == nullptr || !value.is_object()) {
        errors.push_back(boost::json::object{{"field", "difficulties." + std::string(key)},
                                             {"code", "unknown_difficulty"},
                                             {"message", "没有困难项 " + std::string(key)}});
        continue;
      }
      const auto& state = value.get_object();
      store::DifficultyState difficulty_state;
      difficulty_state.present = BoolField(state, "present").value_or(false);
      difficulty_state.note = TextField(state, "note").value_or("");
      profile.difficulties[difficulty->code] = difficulty_state;
    }
  }
  if (!errors.empty()) {
    // The message is read before the details are moved away.
    const std::string message(errors.front().as_object().at("message").as_string());
    throw ApiError(400, "validation_failed", message, std::move(errors));
  }
  profiles.Save(profile, context.state().now());
  const boost::json::value after = ProfileOf(context, region);
  context.Audit("update", "profile", region.code, before, ToJsonText(after));
  return Response::Json(after);
}

}  // namespace

std::vector<Route> RegionRoutes() {
  return {
      {"GET", "/api/v1/regions/roots", Roots},
      {"GET", "/api/v1/regions", Search},
      {"GET", "/api/v1/regions/{code}", GetRegion},
      {"GET", "/api/v1/regions/{code}/children", Children},
      {"GET", "/api/v1/regions/{code}/profile", GetProfile},
      {"PUT", "/api/v1/regions/{code}/profile", PutProfile},
  };
}

}  // namespace shuanglian::api
