#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/person.h"
#include "store/database.h"
#include "store/import_rows.h"

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

  // Recounts members and labour of the given households from their member records: for a
  // change of what counts as labour. Batches keep the counts current by their deltas.
  void RefreshCounts(const std::vector<std::int64_t>& household_ids);

  static std::int64_t Fingerprint(const core::Person& person, std::int64_t household_id);

 private:
  bool IsLabour(const std::string& labour_skill) const;

  Database& database_;
  std::vector<std::string> labour_codes_;
};

}  // namespace shuanglian::store
