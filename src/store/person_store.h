#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/person.h"
#include "store/database.h"
#include "store/first_load.h"
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
      : database_(database), labour_codes_(std::move(labour_codes)) {}

  std::vector<RowResult> UpsertBatch(std::span<const ImportRow<core::Person>> rows,
                                     const WriteContext& context);

  static std::int64_t Fingerprint(const core::Person& person, std::int64_t household_id);

  // A first load (see FirstLoad) when no person is stored yet: true when it began. In the
  // import's one transaction, before its first batch; FinishFirstLoad before it commits.
  bool BeginFirstLoad();
  void FinishFirstLoad();

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
    std::string household_no;
    std::int64_t row_hash = 0;
    std::int64_t import_job = 0;
    std::int64_t import_row = 0;
    std::string labour_skill;
  };

  bool IsLabour(const std::string& labour_skill) const;
  // The persons of the batch already on record, by ID number.
  std::unordered_map<std::string, RecordedPerson> RecordedPersons(
      std::span<const ImportRow<core::Person>> rows);
  // During a first load: for each row of the batch, the row of an earlier batch with the same
  // ID number, found in memory (`keys`: each row's core::IdNumberDigits).
  std::vector<std::optional<std::int64_t>> RowsLoadedBefore(
      std::span<const std::uint64_t> keys) const;
  // The first load's insert: the candidates appended, with the values `fill` gives (into
  // one vector, reused from row to row), and their keys added to those in memory.
  void AppendFirstLoad(std::span<const ImportRow<core::Person>> rows,
                       const std::vector<std::size_t>& candidates,
                       std::span<const std::uint64_t> keys, const std::vector<std::string>& columns,
                       const std::function<void(std::size_t, std::vector<Param>&)>& fill,
                       const WriteContext& context);

  Database& database_;
  std::vector<std::string> labour_codes_;
  std::unique_ptr<FirstLoad> first_load_;
  KeyIndex id_numbers_;  // 证件号码 (its digits, whole) -> file row, during a first load
  // Each household during a first load, by its position in the directory.
  std::vector<LoadedHousehold> loaded_;
  // Every household, during a first load: members find theirs without a query.
  std::unique_ptr<HouseholdDirectory> directory_;
  std::unique_ptr<ScopedSetting> cache_limit_;  // a smaller page cache meanwhile
};

}  // namespace shuanglian::store
