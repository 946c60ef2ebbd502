#pragma once

#include <boost/json/value.hpp>

#include "ingest/import_runner.h"

namespace shuanglian::api {

// The summary of an import, as `import --json` prints it and the API returns it.
boost::json::value ImportSummaryToJson(const ingest::ImportSummary& summary);

}  // namespace shuanglian::api
