#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/dictionary.h"
#include "store/database.h"
#include "store/fieldwork_records.h"
#include "store/import_rows.h"

namespace shuanglian::store {

// How a field record is written: by whom (the signed-in cadre's own helper record, if
// any), and against which version of it.
struct FieldWrite {
  const WriteContext& context;
  std::optional<std::int64_t> acting_helper;
  // nullopt: the writer's copy wins (an imported ledger is the source); 0: a new record,
  // or a retry that sends the same again; N > 0: the version the client edited, refused
  // with version_conflict when the server's has moved on.
  std::optional<std::int64_t> base_version;
};

// Writes what cadres record in the field, with the rules of issue 7, in the caller's
// transaction, and keeps the 五个百 counts in step. Each call answers like an import row:
// inserted, updated, unchanged (the same UUID and content again), or rejected with the
// field and the reason (unknown_helper, unknown_household, out_of_scope, duplicate_day,
// version_conflict, transition_forbidden, ...).
//
// Scope: a cadre writes only their own records, for villages where they have a pairing (or
// their unit has) and households paired with them; an office within its region; a unit's
// administrator and a leader not at all.
class FieldworkStore {
 public:
  FieldworkStore(Database& database, const core::DictionarySet& dictionaries)
      : database_(database), dictionaries_(dictionaries) {}

  RowResult SaveStationedDay(const core::StationedDay& record, const FieldWrite& write,
                             std::int64_t* id = nullptr);
  RowResult SaveVisit(const core::Visit& record, const FieldWrite& write,
                      std::int64_t* id = nullptr);
  RowResult SaveDiaryEntry(const core::DiaryEntry& record, const FieldWrite& write,
                           std::int64_t* id = nullptr);
  RowResult SaveSuggestion(const core::Suggestion& record, const FieldWrite& write,
                           std::int64_t* id = nullptr);
  RowResult SaveAid(const core::Aid& record, const FieldWrite& write, std::int64_t* id = nullptr);
  // A new problem starts registered; a ledger row may bring one in any state. An existing
  // one's status changes only through MoveProblem.
  RowResult SaveProblem(const core::Problem& record, const FieldWrite& write,
                        std::int64_t* id = nullptr);

  // One step of the workflow, written with its event; solving needs a result in words.
  // Leaving "solved" (reopened) takes back its count.
  RowResult MoveProblem(std::int64_t problem_id, const std::string& to_status,
                        const std::string& result, const std::string& note,
                        const FieldWrite& write);
  // The household's satisfaction at the return visit of a solved problem.
  RowResult RateProblem(std::int64_t problem_id, const std::string& satisfaction,
                        const FieldWrite& write);
  // Similar problems into one case, solved together: every problem must be in the user's
  // scope and not yet solved.
  RowResult GroupProblems(const std::string& title, const std::string& region_code,
                          const std::vector<std::int64_t>& problem_ids, const FieldWrite& write,
                          std::int64_t* case_id);

  // Records photos already stored as files (the API writes the file, then this).
  void RegisterPhoto(const std::string& sha256, std::int64_t bytes, const std::string& content_type,
                     const WriteContext& context);

 private:
  struct Existing {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::int64_t content_hash = 0;
  };
  std::optional<Existing> FindByUuid(std::string_view table, const std::string& uuid);
  // Runs `attempt` until it answers. An attempt answers nothing when a concurrent writer of
  // the same record got there first: its UPDATE, which names the version it replaces, changed
  // no row, or its INSERT gave way (ON CONFLICT DO NOTHING) to the row inserted meanwhile. Only
  // on PostgreSQL does an attempt lose: its READ COMMITTED transactions run side by side, where
  // SQLite's writers take turns (BEGIN IMMEDIATE). The next attempt reads what the other committed
  // and answers as the same write made after it: unchanged, version_conflict, duplicate_day, or its
  // change over the other's (a ledger's copy wins). `what` names the record in the error of a write
  // that keeps losing.
  static RowResult UntilAnswered(const std::string& what,
                                 const std::function<std::optional<RowResult>()>& attempt);
  // A refusal when the record exists and may not be written as asked (another's, or edited
  // elsewhere meanwhile), unchanged when it is the same again; nothing otherwise.
  std::optional<RowResult> CheckVersion(std::string_view table,
                                        const std::optional<Existing>& existing,
                                        std::int64_t content_hash, const FieldWrite& write,
                                        std::int64_t* id);
  std::optional<RowResult> ResolveHelper(const std::string& phone, const FieldWrite& write,
                                         const char* column, std::int64_t* helper_id);
  std::optional<RowResult> CheckVillage(const std::string& village_code, const FieldWrite& write,
                                        const char* column);
  std::optional<RowResult> ResolveHousehold(const std::string& household_no,
                                            const std::string& village_code,
                                            const FieldWrite& write, const char* column,
                                            std::int64_t* household_id,
                                            std::string* village_of = nullptr);
  // A record about a household may leave out its village: it is the household's. Fills
  // `village_code` from `household_no` when it is empty (refused when the household is not
  // the writer's to see).
  std::optional<RowResult> FillVillageFromHousehold(std::string& village_code,
                                                    const std::string& household_no,
                                                    const FieldWrite& write, const char* column);
  // A stationed day and a diary entry are the same shape: one a cadre a day, a village, a
  // text (the place, the page), one measure of the 五个百.
  struct OneADay {
    std::string_view table;
    std::string_view text_column;
    const char* what;        // in the refusal of a second one: 驻村记录, 民情日记
    const char* day_column;  // the column a refusal names
    const char* measure;     // the progress counter
    const std::string& client_uuid;
    const std::string& helper_phone;
    const core::Date& day;
    const std::string& village_code;
    const std::string& text;
  };
  RowResult SaveOneADay(const OneADay& record, const FieldWrite& write, std::int64_t* id);
  // The one-per-day rule of stationed days and diaries.
  std::optional<RowResult> CheckOnePerDay(std::string_view table, std::int64_t helper_id,
                                          const core::Date& day, const std::string& uuid,
                                          const char* what, const char* column);

  Database& database_;
  const core::DictionarySet& dictionaries_;
};

}  // namespace shuanglian::store
