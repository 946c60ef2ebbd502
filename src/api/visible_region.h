#pragma once

#include <string>

#include "api/context.h"
#include "store/region_repository.h"

namespace shuanglian::api {

// The region a request names, if the user may see it; otherwise 404, the same answer as
// for a region that does not exist (a total is data too).
store::Region VisibleRegion(Context& context, const std::string& code);

// The `region` query parameter: 400 when missing, 404 when not visible.
store::Region VisibleRegionParam(Context& context);

// The `region` parameter of a query whose rows the store scopes anyway (contact cards,
// progress, the integrity report): a region-scoped user must see the region; a unit's
// administrator or a cadre may name any existing one and gets their own rows within it.
store::Region RegionParamOfScopedQuery(Context& context);

}  // namespace shuanglian::api
