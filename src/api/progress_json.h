#pragma once

#include <boost/json/object.hpp>

#include "fieldwork/integrity.h"
#include "fieldwork/progress.h"

namespace shuanglian::api {

// The JSON of `shuanglian progress --json` and GET /api/v1/progress: targets, the pace
// expected by today, the roll-ups, and the cadres (each with the five counts, what is
// expected of them, and behind_pace).
boost::json::object ProgressToJson(const fieldwork::ProgressReport& report);
boost::json::object CountsJson(const core::ProgressCounts& counts);

// The JSON of `shuanglian check integrity --json` and GET /api/v1/integrity.
boost::json::object IntegrityToJson(const fieldwork::IntegrityReport& report);

}  // namespace shuanglian::api
