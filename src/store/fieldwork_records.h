#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/aid.h"
#include "core/field_records.h"
#include "core/problem.h"

namespace shuanglian::store {

// The kinds of field record, as the API's paths and the sync upload name them.
enum class FieldKind { kStationedDay, kVisit, kDiary, kProblem, kSuggestion, kAid };
std::optional<FieldKind> ParseFieldKind(std::string_view name);  // "visits", "visit", ...
std::string FieldKindName(FieldKind kind);                       // "visits"

// What every stored field record carries besides its content.
struct RecordMeta {
  std::int64_t id = 0;
  std::string client_uuid;
  std::int64_t version = 0;
  std::optional<std::int64_t> helper_id;  // whose record (the cadre answering for it)
  std::string helper_name;
  std::string village_name;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

struct PersonRef {
  std::int64_t id = 0;
  std::string key;   // a helper's phone, a household's number
  std::string name;  // a helper's name, a household head's
};

struct StoredStationedDay {
  RecordMeta meta;
  core::StationedDay record;
};

struct StoredVisit {
  RecordMeta meta;
  core::Visit record;
  std::vector<PersonRef> helpers;
  std::vector<PersonRef> households;
};

struct StoredDiaryEntry {
  RecordMeta meta;
  core::DiaryEntry record;
};

struct ProblemEvent {
  std::string at;
  std::string username;
  std::string from_status;
  std::string to_status;
  std::string note;
};

struct StoredProblem {
  RecordMeta meta;
  core::Problem record;
  std::string head_name;
  std::optional<std::int64_t> case_id;
  std::string registered_at;
  std::string solved_at;
  std::vector<ProblemEvent> events;  // filled by ProblemById only
};

struct StoredSuggestion {
  RecordMeta meta;
  core::Suggestion record;
};

struct StoredAid {
  RecordMeta meta;
  core::Aid record;
  std::optional<std::int64_t> drive_id;
  std::string giver_name;  // the unit's or the helper's
  std::string head_name;
};

// A list's filters: the records of a region (by their village), a cadre, a household, a
// span of days.
struct FieldFilter {
  std::string region;
  std::optional<std::int64_t> helper_id;
  std::optional<std::int64_t> household_id;
  std::string from_day;                  // inclusive, ISO
  std::string to_day;                    // inclusive, ISO
  std::string status;                    // problems only
  std::string category;                  // problems only
  std::optional<std::int64_t> drive_id;  // aid only
  std::string client_uuid;               // one record
  std::int64_t offset = 0;
  std::int64_t limit = 0;  // 0: all
};

}  // namespace shuanglian::store
