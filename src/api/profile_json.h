#pragma once

#include <boost/json/value.hpp>

#include "core/dictionary.h"
#include "stats/region_stats.h"
#include "store/profile_repository.h"

namespace shuanglian::api {

// A region's profile: its text, every figure of the `figure` dictionary with the declared
// value next to the computed one, and the five difficulties.
boost::json::value ProfileToJson(const store::RegionProfile& profile,
                                 const stats::RegionStats& stats,
                                 const core::DictionarySet& dictionaries);

}  // namespace shuanglian::api
