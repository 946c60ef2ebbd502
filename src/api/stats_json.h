#pragma once

#include <boost/json/value.hpp>

#include "stats/region_stats.h"

namespace shuanglian::api {

// The JSON of `shuanglian stats --json` and of GET /api/v1/stats: one encoder for both.
boost::json::value StatsToJson(const stats::RegionStats& stats);

}  // namespace shuanglian::api
