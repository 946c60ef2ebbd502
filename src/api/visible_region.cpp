#include "api/visible_region.h"

#include <boost/json.hpp>

#include "core/region_code.h"
#include "store/scope_sql.h"

namespace shuanglian::api {

store::Region VisibleRegion(Context& context, const std::string& code) {
  if (core::LevelOfCode(code) && store::ScopeCoversRegion(context.scope(), code)) {
    if (auto region = store::RegionRepository(context.db()).Get(code)) {
      return *region;
    }
  }
  throw ApiError(404, "not_found", "区划 " + code + " 不存在或不在您的管理范围内");
}

store::Region VisibleRegionParam(Context& context) {
  const std::string code = context.request().QueryValue("region");
  if (code.empty()) {
    throw ApiError(
        400, "required", "请指定区划（region）",
        boost::json::array{boost::json::object{{"field", "region"}, {"code", "required"}}});
  }
  return VisibleRegion(context, code);
}

store::Region RegionParamOfScopedQuery(Context& context) {
  const store::DataScope::Kind kind = context.scope().kind;
  if (kind == store::DataScope::Kind::kAll || kind == store::DataScope::Kind::kRegion) {
    return VisibleRegionParam(context);
  }
  const std::string code = context.request().QueryValue("region");
  if (const auto found = store::RegionRepository(context.db()).Get(code)) {
    return *found;
  }
  throw ApiError(404, "not_found", "区划 " + code + " 不存在或不在您的管理范围内");
}

}  // namespace shuanglian::api
