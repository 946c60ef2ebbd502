#include "store/household_store.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/region_repository.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

struct Existing {
  std::int64_t id = 0;
  std::int64_t row_hash = 0;
  std::int64_t village_code = 0;
};

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const std::string& code : codes) {
    joined += (joined.empty() ? "" : ",") + code;
  }
  return joined;
}

std::int64_t ToInt(const std::string& digits) {
  return digits.empty() ? 0 : std::stoll(digits);
}

Param OptionalBool(const std::optional<bool>& value) {
  return value ? Param(*value ? 1 : 0) : Param();
}

// The columns every write sets, in the order of HouseholdParams.
constexpr const char* kDataColumns[] = {"county_code",
                                        "household_no",
                                        "village_code",
                                        "group_code",
                                        "head_name",
                                        "head_id_number",
                                        "declared_members",
                                        "phone",
                                        "category",
                                        "main_cause",
                                        "other_causes",
                                        "per_capita_income_fen",
                                        "arable_land_centimu",
                                        "dilapidated_house",
                                        "identification_year",
                                        "exit_status",
                                        "exit_year",
                                        "assistance_type",
                                        "identification_standard",
                                        "bank_account",
                                        "row_hash",
                                        "import_job",
                                        "import_row",
                                        "updated_at"};
// Their SQL types, for the VALUES of a set-based update.
constexpr const char* kDataTypes[] = {
    "BIGINT",  "TEXT", "BIGINT", "BIGINT", "TEXT",   "TEXT",    "INTEGER", "TEXT",
    "TEXT",    "TEXT", "TEXT",   "BIGINT", "BIGINT", "INTEGER", "INTEGER", "TEXT",
    "INTEGER", "TEXT", "TEXT",   "TEXT",   "BIGINT", "BIGINT",  "BIGINT",  "TEXT"};
static_assert(std::size(kDataTypes) == std::size(kDataColumns));

struct HouseholdParams {
  std::string other_causes;
  std::vector<Param> values;
};

void FillParams(HouseholdParams& out, const core::Household& household,
                const std::string& group_code, std::int64_t row_hash, const WriteContext& context,
                std::int64_t row_number) {
  out.other_causes = JoinCodes(household.other_causes);
  out.values = {core::CountyCodeOf(household.village_code),
                household.household_no,
                ToInt(household.village_code),
                group_code.empty() ? Param() : Param(ToInt(group_code)),
                household.head_name,
                household.head_id_number,
                household.declared_members,
                household.phone,
                household.category,
                household.main_cause,
                out.other_causes,
                household.per_capita_income_fen,
                household.arable_land_centimu,
                OptionalBool(household.dilapidated_house),
                household.identification_year,
                household.exit_status,
                household.exit_year,
                household.assistance_type,
                household.identification_standard,
                household.bank_account,
                row_hash,
                context.import_job != 0 ? Param(context.import_job) : Param(),
                context.import_job != 0 ? Param(row_number) : Param(),
                context.now};
}

void Reject(RowResult& result, const char* column, const char* code, std::string message) {
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
}

std::string HeadsOtherMessage(const std::string& head_id_number, const std::string& household_no) {
  return "户主证件号码 " + core::MaskIdNumber(head_id_number) + " 已是户“" + household_no +
         "”的户主";
}

std::string RepeatedNumberMessage(const std::string& household_no, std::int64_t earlier_row) {
  return "户编号“" + household_no + "”与第 " + std::to_string(earlier_row) + " 行重复";
}

}  // namespace

const std::vector<std::string>& HouseholdStore::SecondaryIndexes() {
  // The keys, and the village indexes too: offices' files list villages in any order.
  static const std::vector<std::string> indexes = {"households_number", "households_head_id",
                                                   "households_village_group",
                                                   "households_village_number"};
  return indexes;
}

bool HouseholdStore::BeginFirstLoad() {
  first_load_ = FirstLoad::Begin(database_, "households", SecondaryIndexes());
  if (first_load_) {
    Forget();  // what an earlier import remembered
    known_groups_ =
        std::make_unique<RegionRepository::KnownGroups>(RegionRepository(database_).AllGroups());
  }
  return first_load_ != nullptr;
}

void HouseholdStore::FinishFirstLoad() {
  if (first_load_) {
    // The keys are let go first: the index builds want the memory for their sorts.
    Forget();
    known_groups_.reset();
    first_load_->Finish();
    first_load_.reset();
  }
}

void HouseholdStore::RefreshStatistics() {
  growth_.Refresh();
}

void HouseholdStore::StatisticsRolledBack() {
  growth_.RolledBack();
}

std::string_view HouseholdStore::LoadedNumber(std::size_t position) const {
  const std::size_t begin = position == 0 ? 0 : loaded_[position - 1].number_end;
  return std::string_view(loaded_numbers_).substr(begin, loaded_[position].number_end - begin);
}

std::optional<std::int64_t> HouseholdStore::EarlierRow(std::string_view number,
                                                       std::uint64_t hash) const {
  // A 户编号 by its hash: each candidate's number is compared.
  for (const std::int64_t candidate : numbers_.Candidates(hash)) {
    if (LoadedNumber(static_cast<std::size_t>(candidate)) == number) {
      return loaded_[static_cast<std::size_t>(candidate)].import_row;
    }
  }
  return std::nullopt;
}

std::int64_t HouseholdStore::Remember(std::string_view number, std::uint64_t hash,
                                      std::int64_t import_row) {
  const auto position = static_cast<std::int64_t>(loaded_.size());
  loaded_numbers_ += number;
  loaded_.push_back({loaded_numbers_.size(), import_row});
  numbers_.Add(hash, position);
  return position;
}

void HouseholdStore::RememberFor(std::int64_t import_job) {
  if (import_job != remembered_job_) {
    Forget();
    remembered_job_ = import_job;
  }
}

void HouseholdStore::Forget() {
  numbers_ = KeyIndex();
  heads_ = KeyIndex();
  loaded_ = std::vector<LoadedHousehold>();  // `= {}` would keep the capacity
  loaded_numbers_ = std::string();
  remembered_job_ = 0;
}

void HouseholdStore::AppendFirstLoad(std::span<const ImportRow<core::Household>> rows,
                                     const std::vector<std::size_t>& candidates,
                                     const std::vector<std::string>& group_codes,
                                     const WriteContext& context, std::vector<RowResult>& results) {
  std::vector<std::string> columns(std::begin(kDataColumns), std::end(kDataColumns));
  columns.emplace_back("created_at");
  columns.emplace_back("id");
  const std::unique_ptr<BulkWriter> writer =
      first_load_->Writer(first_load_->OmitConstants(columns, ConstantColumns(context)));
  std::vector<std::uint64_t> number_hashes(candidates.size());
  std::vector<std::uint64_t> head_keys(candidates.size());
  for (std::size_t position = 0; position < candidates.size(); ++position) {
    const core::Household& household = rows[candidates[position]].record;
    number_hashes[position] = KeyIndex::Hash(household.household_no);
    head_keys[position] = core::IdNumberDigits(household.head_id_number).value_or(0);
  }
  HouseholdParams params;
  for (std::size_t position = 0; position < candidates.size(); ++position) {
    numbers_.PrefetchAhead(number_hashes, position);
    heads_.PrefetchAhead(head_keys, position);
    const std::size_t index = candidates[position];
    const core::Household& household = rows[index].record;
    const std::uint64_t number_hash = number_hashes[position];
    const std::uint64_t head_key = head_keys[position];
    if (head_key == 0) {
      Reject(results[index], "户主证件号码", "id_characters",
             NotNormalisedIdNumberMessage("户主证件号码", household.head_id_number));
      continue;
    }
    // A head's number kept whole: a match is the same number.
    const std::vector<std::int64_t> head = heads_.Candidates(head_key);
    if (!head.empty()) {
      const std::string_view other = LoadedNumber(static_cast<std::size_t>(head.front()));
      if (other != household.household_no) {
        Reject(results[index], "户主证件号码", "head_heads_other_household",
               HeadsOtherMessage(household.head_id_number, std::string(other)));
        continue;
      }
    }
    if (const auto earlier_row = EarlierRow(household.household_no, number_hash)) {
      Reject(results[index], "户编号", "duplicate_in_file",
             RepeatedNumberMessage(household.household_no, *earlier_row));
      continue;
    }
    const std::int64_t id = first_load_->NextId();
    FillParams(params, household, group_codes[index], Fingerprint(household, group_codes[index]),
               context, rows[index].row_number);
    params.values.emplace_back(context.now);
    params.values.emplace_back(id);
    first_load_->DropConstants(params.values);
    writer->Append(params.values);
    heads_.Add(head_key, Remember(household.household_no, number_hash, rows[index].row_number));
    results[index].outcome = RowOutcome::kInserted;
  }
  writer->Finish();
}

std::int64_t HouseholdStore::Fingerprint(const core::Household& household,
                                         const std::string& group_code) {
  core::Fingerprint print;
  const auto optional = [&](const std::optional<std::int64_t>& value) {
    print.Add(value ? *value : INT64_MIN);
  };
  print.Add(household.household_no).Add(household.head_name).Add(household.head_id_number);
  print.Add(household.village_code).Add(group_code);
  optional(household.declared_members);
  print.Add(household.phone).Add(household.category).Add(household.main_cause);
  print.Add(JoinCodes(household.other_causes));
  optional(household.per_capita_income_fen);
  optional(household.arable_land_centimu);
  optional(household.dilapidated_house ? std::optional<std::int64_t>(*household.dilapidated_house)
                                       : std::nullopt);
  optional(household.identification_year);
  print.Add(household.exit_status);
  optional(household.exit_year);
  print.Add(household.assistance_type).Add(household.identification_standard);
  print.Add(household.bank_account);
  return print.value();
}

std::vector<RowResult> HouseholdStore::UpsertBatch(std::span<const ImportRow<core::Household>> rows,
                                                   const WriteContext& context,
                                                   std::vector<std::string>& created_groups) {
  std::vector<RowResult> results(rows.size());
  RegionRepository regions(database_);
  const auto reject = [&](std::size_t index, const char* column, const char* code,
                          std::string message) {
    Reject(results[index], column, code, std::move(message));
  };

  // 1. What can be decided from the batch alone: scope, repeats within the batch, groups.
  std::unordered_map<std::string_view, std::size_t> batch_numbers;  // number -> index
  std::unordered_map<std::string_view, std::size_t> batch_heads;    // head ID -> index
  batch_numbers.reserve(rows.size());
  batch_heads.reserve(rows.size());
  std::vector<std::string> group_codes(rows.size());
  std::vector<std::size_t> candidates;
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const core::Household& household = rows[index].record;
    if (!CanWriteVillage(context.scope, household.village_code)) {
      reject(index, "所属村代码", "out_of_scope",
             "村 " + household.village_code + " 不在您的管理范围内");
      continue;
    }
    if (const auto earlier = batch_numbers.find(household.household_no);
        earlier != batch_numbers.end()) {
      reject(index, "户编号", "duplicate_in_file",
             RepeatedNumberMessage(household.household_no, rows[earlier->second].row_number));
      continue;
    }
    if (const auto earlier = batch_heads.find(household.head_id_number);
        earlier != batch_heads.end()) {
      reject(index, "户主证件号码", "head_heads_other_household",
             "户主证件号码 " + core::MaskIdNumber(household.head_id_number) + " 已是第 " +
                 std::to_string(rows[earlier->second].row_number) + " 行户“" +
                 rows[earlier->second].record.household_no + "”的户主");
      continue;
    }
    if (!household.group.empty() && household.group.size() == 15 &&
        core::IsAsciiDigits(household.group)) {
      if (!regions.Get(household.group)) {
        reject(index, "村民小组", "unknown_group", "村民小组代码“" + household.group + "”不存在");
        continue;
      }
      group_codes[index] = household.group;
    }
    batch_numbers.emplace(household.household_no, index);
    batch_heads.emplace(household.head_id_number, index);
    candidates.push_back(index);
  }

  // Groups named by name: found or created all at once.
  std::vector<RegionRepository::GroupName> wanted;
  std::vector<std::size_t> wanted_for;
  std::string key;  // village|group, built in one buffer for every row
  for (const std::size_t index : candidates) {
    const core::Household& household = rows[index].record;
    if (household.group.empty() || !group_codes[index].empty()) {
      continue;
    }
    key.assign(household.village_code).append("|").append(household.group);
    const auto cached = group_codes_.find(key);
    if (cached != group_codes_.end()) {
      group_codes[index] = cached->second;
    } else {
      wanted.push_back({household.village_code, household.group});
      wanted_for.push_back(index);
    }
  }
  if (!wanted.empty()) {
    const auto codes = known_groups_ ? regions.EnsureGroups(wanted, context.now, *known_groups_)
                                     : regions.EnsureGroups(wanted, context.now);
    for (std::size_t position = 0; position < codes.size(); ++position) {
      const std::size_t index = wanted_for[position];
      group_codes[index] = codes[position].code;
      key.assign(wanted[position].village_code).append("|").append(wanted[position].name);
      if (codes[position].created && group_codes_.emplace(key, codes[position].code).second) {
        created_groups.push_back(codes[position].code + " " + wanted[position].name);
      }
      group_codes_.emplace(key, codes[position].code);
    }
  }

  if (first_load_) {
    AppendFirstLoad(rows, candidates, group_codes, context, results);
    return results;
  }

  // 2. Insert what is new; a row that collides with a stored household (or whose head heads
  //    another) comes back. When the batch before found most of its households stored (an
  //    office importing its updated file again), the stored ones are looked up first, by
  //    户编号, and go straight to the comparison in 3: on PostgreSQL a COPY and an INSERT that
  //    would find every row of an unchanged file taken are saved. When most were new, looking
  //    them up first would cost more than it saves: into a table that grows during the import
  //    faster than its statistics follow, PostgreSQL planned lookups of a million new
  //    户编号 to take 37 s.
  std::unordered_map<std::string, Existing> existing;
  const auto look_up = [&](const std::vector<std::size_t>& indexes) {
    std::vector<Param> numbers;
    numbers.reserve(indexes.size());
    for (const std::size_t index : indexes) {
      numbers.emplace_back(rows[index].record.household_no);
    }
    QueryInChunks(database_,
                  "SELECT household_no, id, row_hash, village_code FROM households WHERE "
                  "household_no IN (",
                  ")", numbers, [&](const RowView& row) {
                    existing[row.Text(0)] = Existing{row.Int(1), row.Int(2), row.Int(3)};
                  });
  };
  if (look_up_first_) {
    look_up(candidates);
  }
  std::vector<std::size_t> collided;
  std::vector<std::size_t> to_insert;
  std::vector<std::int64_t> hashes(rows.size());
  for (const std::size_t index : candidates) {
    hashes[index] = Fingerprint(rows[index].record, group_codes[index]);
    (existing.contains(rows[index].record.household_no) ? collided : to_insert).push_back(index);
  }
  std::vector<std::string> columns(std::begin(kDataColumns), std::end(kDataColumns));
  columns.emplace_back("created_at");
  std::vector<HouseholdParams> params(to_insert.size());
  std::vector<std::vector<Param>> values(to_insert.size());
  for (std::size_t position = 0; position < to_insert.size(); ++position) {
    const std::size_t index = to_insert[position];
    FillParams(params[position], rows[index].record, group_codes[index], hashes[index], context,
               rows[index].row_number);
    values[position] = params[position].values;
    values[position].emplace_back(context.now);
  }
  const std::vector<bool> inserted = database_.InsertNew("households", columns, 1, values);
  // The rows this import wrote or confirmed are remembered, for repeats in its later batches.
  const bool remember = context.import_job != 0;
  if (remember) {
    RememberFor(context.import_job);
  }
  const auto accept = [&](std::size_t index, RowOutcome outcome) {
    results[index].outcome = outcome;
    if (remember) {
      const std::string& number = rows[index].record.household_no;
      Remember(number, KeyIndex::Hash(number), rows[index].row_number);
    }
  };
  std::vector<std::size_t> collided_on_insert;
  for (std::size_t position = 0; position < to_insert.size(); ++position) {
    if (inserted[position]) {
      accept(to_insert[position], RowOutcome::kInserted);
    } else {
      collided_on_insert.push_back(to_insert[position]);
    }
  }
  growth_.Added(to_insert.size() - collided_on_insert.size());
  look_up(collided_on_insert);
  collided.insert(collided.end(), collided_on_insert.begin(), collided_on_insert.end());
  look_up_first_ = 2 * collided.size() >= candidates.size();
  if (collided.empty()) {
    return results;
  }

  // 3. The collisions: the same household again (update or unchanged), a repeat within the
  //    file, or a head who already heads another household.
  std::unordered_map<std::string, std::string> headed_by;  // head ID -> household number
  // A row the same as its stored household has that household's head, whom no other
  // household has (the head's key is unique): only the others' heads are looked up. An
  // office's unchanged file of a million households saves a million lookups.
  std::vector<Param> heads;
  heads.reserve(collided.size());
  for (const std::size_t index : collided) {
    const auto stored = existing.find(rows[index].record.household_no);
    if (stored == existing.end() || stored->second.row_hash != hashes[index]) {
      heads.emplace_back(rows[index].record.head_id_number);
    }
  }
  QueryInChunks(
      database_, "SELECT head_id_number, household_no FROM households WHERE head_id_number IN (",
      ")", heads, [&](const RowView& row) { headed_by.emplace(row.Text(0), row.Text(1)); });
  // The changed are written together, a few statements a batch, as members are.
  std::vector<std::size_t> changed;
  std::vector<HouseholdParams> change_params;
  change_params.reserve(collided.size());  // the values view their texts: no reallocation
  std::vector<std::vector<Param>> changes;
  for (const std::size_t index : collided) {
    const core::Household& household = rows[index].record;
    const auto stored = existing.find(household.household_no);
    const auto head = headed_by.find(household.head_id_number);
    if (head != headed_by.end() && head->second != household.household_no) {
      reject(index, "户主证件号码", "head_heads_other_household",
             HeadsOtherMessage(household.head_id_number, head->second));
      continue;
    }
    if (stored == existing.end()) {
      // Collided, yet neither key is stored: another unique rule of the schema.
      reject(index, "户编号", "conflict", "户“" + household.household_no + "”与已有记录冲突");
      continue;
    }
    // The row's own village is the writer's (checked above), but the stored household may
    // be another office's: updating it would take the household over, out of their sight.
    if (context.scope.kind != DataScope::Kind::kAll &&
        !CanWriteVillage(context.scope, std::to_string(stored->second.village_code))) {
      reject(index, "户编号", "out_of_scope",
             "户编号“" + household.household_no + "”已登记在您管理范围以外的村，不能在此导入");
      continue;
    }
    if (remember) {
      if (const auto earlier =
              EarlierRow(household.household_no, KeyIndex::Hash(household.household_no))) {
        reject(index, "户编号", "duplicate_in_file",
               RepeatedNumberMessage(household.household_no, *earlier));
        continue;
      }
    }
    if (stored->second.row_hash == hashes[index]) {
      accept(index, RowOutcome::kUnchanged);  // nothing to write
      continue;
    }
    changed.push_back(index);
    FillParams(change_params.emplace_back(), household, group_codes[index], hashes[index], context,
               rows[index].row_number);
    changes.push_back(change_params.back().values);
    changes.back().emplace_back(stored->second.id);
  }
  std::unordered_set<std::int64_t> updated;
  UpdateByIdFromValues(database_, "households", {std::begin(kDataColumns), std::end(kDataColumns)},
                       {std::begin(kDataTypes), std::end(kDataTypes)}, std::move(changes),
                       [&](std::int64_t id) { updated.insert(id); });
  std::vector<std::vector<Param>> counties;  // (county, household id) of each updated
  for (const std::size_t index : changed) {
    const core::Household& household = rows[index].record;
    const std::int64_t id = existing.at(household.household_no).id;
    if (!updated.contains(id)) {
      // Read before the insert, deleted by someone else since: not stored again unasked.
      reject(index, "户编号", "conflict",
             "户“" + household.household_no + "”在导入期间已被他人删除，请重新导入这一行");
      continue;
    }
    counties.push_back({core::CountyCodeOf(household.village_code), id});
    accept(index, RowOutcome::kUpdated);
  }
  // Members and counts carry their household's county (the distribution key): a household
  // moved to a village of another county takes them along. (PostgreSQL's foreign keys
  // cascade this already; SQLite's rowid key does not.) In household order, as the
  // households were updated.
  std::sort(counties.begin(), counties.end(),
            [](const auto& a, const auto& b) { return a[1].as_int() < b[1].as_int(); });
  for (const char* table : {"persons", "household_counts"}) {
    ExecuteWithValues(database_, "WITH d(county, household) AS (VALUES ",
                      ") UPDATE " + std::string(table) +
                          " SET county_code = d.county FROM d WHERE " + table +
                          ".household_id = d.household AND " + table + ".county_code <> d.county",
                      {}, {"BIGINT", "BIGINT"}, counties);
  }
  return results;
}

}  // namespace shuanglian::store
