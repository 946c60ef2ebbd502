#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/data_scope.h"
#include "store/database.h"
#include "store/fieldwork_records.h"

namespace shuanglian::store {

struct DriveTotal {
  std::int64_t id = 0;
  std::string name;
  std::string region_code;
  std::string start_date;
  std::int64_t records = 0;
  std::int64_t value_fen = 0;
  // Per item and measure: "地膜" "roll" 276000 (milli).
  struct Line {
    std::string item;
    std::string measure;
    std::int64_t quantity_milli = 0;
    std::int64_t value_fen = 0;
  };
  std::vector<Line> lines;
};

// Reads field records within the caller's data scope (scope_sql.cpp), newest first.
class FieldworkRepository {
 public:
  explicit FieldworkRepository(Database& database) : database_(database) {}

  std::vector<StoredStationedDay> StationedDays(const FieldFilter& filter, const DataScope& scope,
                                                std::int64_t* total = nullptr);
  std::vector<StoredVisit> Visits(const FieldFilter& filter, const DataScope& scope,
                                  std::int64_t* total = nullptr);
  std::vector<StoredDiaryEntry> DiaryEntries(const FieldFilter& filter, const DataScope& scope,
                                             std::int64_t* total = nullptr);
  std::vector<StoredProblem> Problems(const FieldFilter& filter, const DataScope& scope,
                                      std::int64_t* total = nullptr);
  std::vector<StoredSuggestion> Suggestions(const FieldFilter& filter, const DataScope& scope,
                                            std::int64_t* total = nullptr);
  std::vector<StoredAid> Aid(const FieldFilter& filter, const DataScope& scope,
                             std::int64_t* total = nullptr);

  // One record by id or by client UUID, if the scope sees it. Problems come with events.
  std::optional<std::int64_t> IdOfUuid(FieldKind kind, const std::string& uuid,
                                       const DataScope& scope);
  std::optional<StoredProblem> ProblemById(std::int64_t id, const DataScope& scope);

  // The donation drives of a region with their totals (aid the scope sees).
  std::vector<DriveTotal> Drives(const std::string& region, const DataScope& scope);

 private:
  Database& database_;
};

// The table of a kind of field record ("visits").
std::string FieldTable(FieldKind kind);

}  // namespace shuanglian::store
