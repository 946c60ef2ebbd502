#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/person.h"
#include "store/database.h"
#include "store/first_load.h"
#include "store/growth_statistics.h"
#include "store/household_directory.h"
#include "store/import_rows.h"
#include "store/key_index.h"

namespace shuanglian::store {

// Writes household members: upsert by ID number, with the rules between members of one
// household (one head who is the household's head, at most one spouse of the other sex)
// checked against both the batch and the stored members. Keeps each household's derived
// member and labour counts current in the same transaction.
class PersonStore {
 public:
  // `labour_codes`: the 劳动技能 codes that count as labour force (dictionary flag labour=1).
  PersonStore(Database& database, std::vector<std::string> labour_codes)
      : database_(database),
        labour_codes_(std::move(labour_codes)),
        persons_growth_(database, "persons"),
        counts_growth_(database, "household_counts") {}

  std::vector<RowResult> UpsertBatch(std::span<const ImportRow<core::Person>> rows,
                                     const WriteContext& context);

  static std::int64_t Fingerprint(const core::Person& person, std::int64_t household_id);

  // A first load (see FirstLoad) when no person is stored yet: true when it began. In the
  // import's one transaction, before its first batch; FinishFirstLoad before it commits.
  bool BeginFirstLoad();
  void FinishFirstLoad();

  // The planner's statistics of the tables the store's imports grow (GrowthStatistics): asked
  // for after each batch commits, or inside an import's one transaction; StatisticsRolledBack
  // after that transaction was rolled back.
  void RefreshStatistics();
  void StatisticsRolledBack();

 private:
  // A household during a first load: its counts, kept in memory and written at the load's
  // end, and the ID numbers (core::IdNumberDigits; 0: none yet) and sexes of the members
  // loaded as its head and spouse. A household whose members come in more than one batch has
  // its roles from here: the load reads no member back.
  struct LoadedHousehold {
    std::int32_t members = 0;
    std::int32_t labour = 0;
    std::uint64_t head = 0;
    std::uint64_t spouse = 0;
    core::Sex head_sex = core::Sex::kMale;
    core::Sex spouse_sex = core::Sex::kMale;
  };

  // A person of a batch as the registry holds them before the batch is written.
  struct RecordedPerson {
    std::int64_t id = 0;
    std::int64_t household_id = 0;
    std::int64_t row_hash = 0;
    std::string labour_skill;
  };

  // On PostgreSQL, the members about to be changed are locked and their household and
  // labour read again: another session may have changed them since the batch read them
  // (READ COMMITTED), and the counts move from what each member is when the batch writes it.
  // Two edits of one household's members at once thus keep its counts true.
  void LockAndReadAgain(std::span<const ImportRow<core::Person>> rows,
                        const std::vector<std::size_t>& changed,
                        std::unordered_map<std::string, RecordedPerson>& recorded);
  bool IsLabour(const std::string& labour_skill) const;
  // Adds to `recorded` those of the rows at `indexes` already on record, by ID number.
  void ReadRecorded(std::span<const ImportRow<core::Person>> rows,
                    const std::vector<std::size_t>& indexes,
                    std::unordered_map<std::string, RecordedPerson>& recorded);
  // For each row of the batch, the row of an earlier batch of this import with the same ID
  // number, found in memory (`keys`: each row's core::IdNumberDigits, 0 for a number without
  // them, which only a direct caller sends).
  std::vector<std::optional<std::int64_t>> RowsLoadedBefore(
      std::span<const ImportRow<core::Person>> rows, std::span<const std::uint64_t> keys) const;
  // Remembers a row of this import that wrote or confirmed its member.
  void Remember(const ImportRow<core::Person>& row, std::uint64_t key);
  // An ordinary import starts remembering afresh when the job changes.
  void RememberFor(std::int64_t import_job);
  void Forget();
  // The first load's insert: the candidates appended, with the values `fill` gives (into
  // one vector, reused from row to row), and their keys added to those in memory.
  void AppendFirstLoad(std::span<const ImportRow<core::Person>> rows,
                       const std::vector<std::size_t>& candidates,
                       std::span<const std::uint64_t> keys, const std::vector<std::string>& columns,
                       const std::function<void(std::size_t, std::vector<Param>&)>& fill,
                       const WriteContext& context);

  Database& database_;
  std::vector<std::string> labour_codes_;
  // The tables' statistics kept up while an import grows them.
  GrowthStatistics persons_growth_;
  GrowthStatistics counts_growth_;
  std::unique_ptr<FirstLoad> first_load_;
  // The members this import wrote or found unchanged: 证件号码 (its digits, whole) -> file
  // row. A number repeated in a later batch of the file is found here; stored rows are not
  // tagged with the import for it, so an import of an unchanged file writes nothing.
  KeyIndex id_numbers_;
  std::unordered_map<std::string, std::int64_t> other_id_numbers_;  // those without digits
  std::int64_t remembered_job_ = 0;  // the ordinary import whose rows these are
  // Did the last batch find most of its people on record? Then the next looks them up before
  // inserting (UpsertBatch).
  bool look_up_first_ = true;
  // Each household during a first load, by its position in the directory.
  std::vector<LoadedHousehold> loaded_;
  // Every household, during a first load: members find theirs without a query.
  std::unique_ptr<HouseholdDirectory> directory_;
  std::unique_ptr<ScopedSetting> cache_limit_;  // a smaller page cache meanwhile
};

}  // namespace shuanglian::store
