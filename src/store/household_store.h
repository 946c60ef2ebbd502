#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/household.h"
#include "store/database.h"
#include "store/first_load.h"
#include "store/growth_statistics.h"
#include "store/import_rows.h"
#include "store/key_index.h"
#include "store/region_repository.h"

namespace shuanglian::store {

// Writes households into the registry: upsert by 户编号, refusing what would break the
// registry's rules. Runs inside the caller's transaction.
class HouseholdStore {
 public:
  explicit HouseholdStore(Database& database)
      : database_(database), growth_(database, "households") {}

  // One result per row, in order. Groups named by name are created as needed; their codes
  // are appended to `created_groups`.
  std::vector<RowResult> UpsertBatch(std::span<const ImportRow<core::Household>> rows,
                                     const WriteContext& context,
                                     std::vector<std::string>& created_groups);

  static std::int64_t Fingerprint(const core::Household& household, const std::string& group_code);

  // The table's indexes other than those on its id: what a bulk write puts aside and builds
  // again (a first load of households; the member counts a first load of persons sets).
  static const std::vector<std::string>& SecondaryIndexes();

  // A first load (see FirstLoad) when no household is stored yet: true when it began. In the
  // import's one transaction, before its first batch; FinishFirstLoad before it commits.
  bool BeginFirstLoad();
  void FinishFirstLoad();

  // The planner's statistics of the tables the store's imports grow (GrowthStatistics): asked
  // for after each batch commits, or inside an import's one transaction; StatisticsRolledBack
  // after that transaction was rolled back.
  void RefreshStatistics();
  void StatisticsRolledBack();

 private:
  // The first load's half of UpsertBatch: the candidates are checked against the keys in
  // memory and appended.
  void AppendFirstLoad(std::span<const ImportRow<core::Household>> rows,
                       const std::vector<std::size_t>& candidates,
                       const std::vector<std::string>& group_codes, const WriteContext& context,
                       std::vector<RowResult>& results);

  // The earlier row of this import with the 户编号 `number` (`hash`: its KeyIndex::Hash): one
  // it wrote, or found stored unchanged. None when the number is new to the import.
  std::optional<std::int64_t> EarlierRow(std::string_view number, std::uint64_t hash) const;
  // Remembers the row of this import that wrote or confirmed `number`; returns its position
  // in loaded_.
  std::int64_t Remember(std::string_view number, std::uint64_t hash, std::int64_t import_row);
  // An ordinary import starts remembering afresh when the job changes (one store may serve
  // several imports in turn).
  void RememberFor(std::int64_t import_job);
  void Forget();

  Database& database_;
  GrowthStatistics growth_;  // the table's statistics kept up while an import grows it
  // Group codes by "village|name", kept across the batches of one import: a file names the
  // same few groups of a village thousands of times.
  std::unordered_map<std::string, std::string> group_codes_;
  // During a first load: every village's groups, read when it begins.
  std::unique_ptr<RegionRepository::KnownGroups> known_groups_;
  std::unique_ptr<FirstLoad> first_load_;
  // The households this import wrote or found unchanged, in memory: a 户编号 repeated in a
  // later batch of the file is found here. Stored rows are not tagged with the import for it:
  // an import of an unchanged file writes nothing (on PostgreSQL, tagging a million unchanged
  // households rewrote every row and its five index entries: half of an 84-second import).
  // During a first load the heads too, and nothing is read back (the table's keys are set
  // aside meanwhile). The numbers lie one after another in one string, about 20 bytes a
  // household.
  struct LoadedHousehold {
    std::size_t number_end = 0;  // in loaded_numbers_; the number starts at the previous end
    std::int64_t import_row = 0;
  };
  std::string_view LoadedNumber(std::size_t position) const;
  std::vector<LoadedHousehold> loaded_;
  std::string loaded_numbers_;
  KeyIndex numbers_;  // hash of 户编号 -> position in loaded_
  KeyIndex heads_;    // the head's ID number kept whole (core::IdNumberDigits) -> position
  std::int64_t remembered_job_ = 0;  // the ordinary import whose rows loaded_ holds
  // Did the last batch find most of its households stored? Then the next looks its households
  // up before inserting (UpsertBatch).
  bool look_up_first_ = true;
};

}  // namespace shuanglian::store
