#include "store/person_store.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

// The page cache of a first load while members are appended (see BeginFirstLoad).
constexpr std::size_t kCacheWhileAppending = std::size_t{64} << 20;

struct HouseholdInfo {
  std::int64_t id = 0;
  std::string village_code;
  std::string head_id_number;
  std::int64_t member_count = 0;
  std::size_t position = 0;  // in the first load's directory
};

// How a batch changes a household's derived counts.
struct CountDelta {
  std::int64_t members = 0;
  std::int64_t labour = 0;
};

using CountDeltas = std::map<std::int64_t, CountDelta>;  // household id -> change

// Adds each household's change to its counts; a household counted for the first time gets
// its row. (`WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT.) The
// conflict names the counts' key: the household on SQLite (its rowid), the household with its
// county on PostgreSQL (migration 11). The county is the household's as the statement finds
// it, not as the batch read it: a household another session moved to another county meanwhile
// has its counts' row there (the foreign key carried it along), and the change must meet it.
void ApplyCountChanges(Database& database, const CountDeltas& deltas) {
  std::vector<std::vector<Param>> changes;
  for (const auto& [household, delta] : deltas) {
    if (delta.members != 0 || delta.labour != 0) {
      changes.push_back({household, delta.members, delta.labour});
    }
  }
  const std::string key =
      database.backend() == Backend::kPostgres ? "(household_id, county_code)" : "(household_id)";
  ExecuteWithValues(
      database, "WITH d(id, members, labour) AS (VALUES ",
      ") INSERT INTO household_counts (household_id, county_code, member_count, labour_count) "
      "SELECT d.id, h.county_code, d.members, d.labour FROM d JOIN households h ON h.id = d.id "
      "WHERE true ON CONFLICT " +
          key +
          " DO UPDATE SET member_count = household_counts.member_count + excluded.member_count, "
          "labour_count = household_counts.labour_count + excluded.labour_count",
      {}, {"BIGINT", "BIGINT", "BIGINT"}, changes);
}

int SexCode(core::Sex sex) {
  return sex == core::Sex::kMale ? 1 : 2;
}

constexpr const char* kDataColumns[] = {
    "county_code", "household_id", "id_number",     "name",        "relation",
    "sex",         "birth_date",   "ethnicity",     "education",   "schooling",
    "health",      "labour_skill", "work_location", "work_months", "phone",
    "row_hash",    "import_job",   "import_row",    "updated_at"};
// Their SQL types, for the VALUES of a set-based update.
constexpr const char* kDataTypes[] = {
    "BIGINT", "BIGINT", "TEXT", "TEXT",    "TEXT", "INTEGER", "TEXT",   "TEXT",   "TEXT", "TEXT",
    "TEXT",   "TEXT",   "TEXT", "INTEGER", "TEXT", "BIGINT",  "BIGINT", "BIGINT", "TEXT"};
static_assert(std::size(kDataTypes) == std::size(kDataColumns));

std::string RepeatedIdMessage(const std::string& id_number, std::int64_t earlier_row) {
  return "证件号码 " + core::MaskIdNumber(id_number) + " 与第 " + std::to_string(earlier_row) +
         " 行重复";
}

}  // namespace

bool PersonStore::BeginFirstLoad() {
  // The indexes of members, and their primary key (FirstLoad::Begin): the load reads no
  // member back, it finds repeats and the roles of a household's earlier members in memory.
  first_load_ = FirstLoad::Begin(database_, "persons", {"persons_id_number", "persons_household"});
  if (first_load_) {
    Forget();  // what an earlier import remembered
    // No one has members yet: rows left at zero by members deleted earlier say nothing, and
    // the load writes every household's counts anew at its end.
    database_.Execute("DELETE FROM household_counts", {});
    // Meanwhile the load reads nothing back but the pages it appends to, and the directory
    // reads the households once, in order: the memory of the page cache goes to the
    // directory and the keys instead. Limited first, so that they do not come on top of it.
    cache_limit_ = database_.LimitCache(kCacheWhileAppending);
    directory_ = std::make_unique<HouseholdDirectory>(HouseholdDirectory::Load(database_));
    loaded_.assign(directory_->size(), LoadedHousehold{});
    // Room for the members the households declare, at most eight a household: a hint (more
    // members and the keys grow from there), not a promise, so an implausible declaration
    // cannot reserve a gigabyte.
    id_numbers_.Reserve(static_cast<std::size_t>(std::min<std::int64_t>(
        directory_->declared_members(), 8 * static_cast<std::int64_t>(directory_->size()))));
  }
  return first_load_ != nullptr;
}

void PersonStore::RefreshStatistics() {
  persons_growth_.Refresh();
  counts_growth_.Refresh();
}

void PersonStore::StatisticsRolledBack() {
  persons_growth_.RolledBack();
  counts_growth_.RolledBack();
}

void PersonStore::FinishFirstLoad() {
  if (!first_load_) {
    return;
  }
  // Every household's counts, in household order, as new rows. Their table was emptied when
  // the load began and is loaded the same way: on PostgreSQL its foreign key is checked once,
  // when added back, instead of by a trigger for each of a million rows, and its key is built
  // once (no count is looked up meanwhile): even in household order, keeping a key up took the
  // COPY of a million counts from 0.4 to 1 s.
  const std::unique_ptr<FirstLoad> counts_load =
      FirstLoad::Begin(database_, "household_counts", {});
  const std::vector<std::string> count_columns = {"household_id", "county_code", "member_count",
                                                  "labour_count"};
  const std::unique_ptr<BulkWriter> writer =
      counts_load ? counts_load->Writer(count_columns)
                  : database_.BulkInsert("household_counts", count_columns);
  std::vector<Param> values;
  for (std::size_t position = 0; position < loaded_.size(); ++position) {
    const LoadedHousehold& loaded = loaded_[position];
    if (loaded.members > 0) {
      const HouseholdDirectory::Household household = directory_->At(position);
      values = {household.id, core::CountyCodeOf(std::to_string(household.village_code)),
                static_cast<std::int64_t>(loaded.members),
                static_cast<std::int64_t>(loaded.labour)};
      writer->Append(values);
    }
  }
  writer->Finish();
  if (counts_load) {
    counts_load->Finish();
  }
  // The counts and keys are let go first: the index builds want the memory for their sorts.
  loaded_ = std::vector<LoadedHousehold>();
  Forget();
  directory_.reset();
  cache_limit_.reset();  // the index builds sort in the cache's memory
  first_load_->Finish();
  first_load_.reset();
}

void PersonStore::AppendFirstLoad(std::span<const ImportRow<core::Person>> rows,
                                  const std::vector<std::size_t>& candidates,
                                  std::span<const std::uint64_t> keys,
                                  const std::vector<std::string>& columns,
                                  const std::function<void(std::size_t, std::vector<Param>&)>& fill,
                                  const WriteContext& context) {
  std::vector<std::string> with_id = columns;
  with_id.emplace_back("id");
  const std::unique_ptr<BulkWriter> writer =
      first_load_->Writer(first_load_->OmitConstants(with_id, ConstantColumns(context)));
  std::vector<Param> values;
  for (std::size_t position = 0; position < candidates.size(); ++position) {
    const std::size_t index = candidates[position];
    // The key's slot was read by RowsLoadedBefore, but the batch's COPY text has since pushed
    // it out of the caches: a table of millions of keys is written at random.
    id_numbers_.PrefetchAhead(keys, candidates, position);
    fill(index, values);
    values.emplace_back(first_load_->NextId());
    first_load_->DropConstants(values);
    writer->Append(values);
    Remember(rows[index], keys[index]);
  }
  writer->Finish();
}

std::vector<std::optional<std::int64_t>> PersonStore::RowsLoadedBefore(
    std::span<const ImportRow<core::Person>> rows, std::span<const std::uint64_t> keys) const {
  std::vector<std::optional<std::int64_t>> earlier(keys.size());
  for (std::size_t index = 0; index < keys.size(); ++index) {
    if (keys[index] == 0) {
      const auto other = other_id_numbers_.find(rows[index].record.id_number);
      if (other != other_id_numbers_.end()) {
        earlier[index] = other->second;
      }
      continue;
    }
    id_numbers_.PrefetchAhead(keys, index);
    // The ID number kept whole: a match is the same number, and its row the earlier one.
    for (const std::int64_t row : id_numbers_.Candidates(keys[index])) {
      earlier[index] = row;
    }
  }
  return earlier;
}

void PersonStore::Remember(const ImportRow<core::Person>& row, std::uint64_t key) {
  if (key != 0) {
    id_numbers_.Add(key, row.row_number);
  } else {
    other_id_numbers_.emplace(row.record.id_number, row.row_number);
  }
}

void PersonStore::RememberFor(std::int64_t import_job) {
  if (import_job != remembered_job_) {
    Forget();
    remembered_job_ = import_job;
  }
}

void PersonStore::Forget() {
  id_numbers_ = KeyIndex();
  other_id_numbers_.clear();
  remembered_job_ = 0;
}

void PersonStore::ReadRecorded(std::span<const ImportRow<core::Person>> rows,
                               const std::vector<std::size_t>& indexes,
                               std::unordered_map<std::string, RecordedPerson>& recorded) {
  std::vector<Param> ids;
  ids.reserve(indexes.size());
  for (const std::size_t index : indexes) {
    ids.emplace_back(rows[index].record.id_number);
  }
  QueryInChunks(
      database_,
      "SELECT id_number, id, household_id, row_hash, labour_skill FROM persons WHERE "
      "id_number IN (",
      ")", ids, [&](const RowView& row) {
        recorded[row.Text(0)] = RecordedPerson{row.Int(1), row.Int(2), row.Int(3), row.Text(4)};
      });
}

void PersonStore::LockAndReadAgain(std::span<const ImportRow<core::Person>> rows,
                                   const std::vector<std::size_t>& changed,
                                   std::unordered_map<std::string, RecordedPerson>& recorded) {
  // SQLite's writers take turns (BEGIN IMMEDIATE): what the batch read is still so.
  if (database_.backend() != Backend::kPostgres || changed.empty()) {
    return;
  }
  std::vector<Param> ids;
  ids.reserve(changed.size());
  std::unordered_map<std::int64_t, RecordedPerson*> by_id;
  for (const std::size_t index : changed) {
    RecordedPerson& stored = recorded.at(rows[index].record.id_number);
    ids.emplace_back(stored.id);
    by_id.emplace(stored.id, &stored);
  }
  // In id order, as the update that follows takes them. Persons alone: a locking read that
  // waited re-reads the rows it locks, but would join them to the households it had found
  // before the wait, and drop a member moved meanwhile.
  std::sort(ids.begin(), ids.end(),
            [](const Param& a, const Param& b) { return a.as_int() < b.as_int(); });
  QueryInChunks(database_, "SELECT id, household_id, labour_skill FROM persons WHERE id IN (",
                ") ORDER BY id FOR UPDATE", ids, [&](const RowView& row) {
                  RecordedPerson& stored = *by_id.at(row.Int(0));
                  stored.household_id = row.Int(1);
                  stored.labour_skill = row.Text(2);
                });
}

bool PersonStore::IsLabour(const std::string& labour_skill) const {
  return std::find(labour_codes_.begin(), labour_codes_.end(), labour_skill) != labour_codes_.end();
}

std::int64_t PersonStore::Fingerprint(const core::Person& person, std::int64_t household_id) {
  core::Fingerprint print;
  print.Add(household_id).Add(person.name).Add(person.id_number).Add(person.relation);
  print.Add(static_cast<std::int64_t>(SexCode(person.sex))).Add(person.birth_date.ToIso());
  print.Add(person.ethnicity).Add(person.education).Add(person.schooling).Add(person.health);
  print.Add(person.labour_skill).Add(person.work_location);
  print.Add(person.work_months ? *person.work_months : INT64_MIN).Add(person.phone);
  return print.value();
}

std::vector<RowResult> PersonStore::UpsertBatch(std::span<const ImportRow<core::Person>> rows,
                                                const WriteContext& context) {
  std::vector<RowResult> results(rows.size());
  const auto reject = [&](std::size_t index, const char* column, const char* code,
                          std::string message) {
    results[index].outcome = RowOutcome::kRejected;
    results[index].error = core::FieldError{column, code, std::move(message)};
  };

  // The households named, and the heads and spouses of those that already have members.
  // A household's members usually come one after another: its number is asked for once.
  std::vector<Param> numbers;
  for (const ImportRow<core::Person>& row : rows) {
    if (numbers.empty() || numbers.back().as_text() != row.record.household_no) {
      numbers.emplace_back(row.record.household_no);
    }
  }
  std::unordered_map<std::string, HouseholdInfo> households;  // by number
  if (directory_) {
    households.reserve(numbers.size());
    for (const Param& number : numbers) {
      if (const auto found = directory_->Find(number.as_text())) {
        households.try_emplace(std::string(number.as_text()), found->id,
                               std::to_string(found->village_code),
                               std::string(found->head_id_number), 0, found->position);
      }
    }
    numbers.clear();  // nothing left to ask the database
  }
  QueryInChunks(
      database_,
      "SELECT h.household_no, h.id, h.village_code, h.head_id_number, "
      "coalesce(c.member_count, 0) FROM households h LEFT JOIN household_counts c ON "
      "c.household_id = h.id WHERE h.household_no IN (",
      ")", numbers, [&](const RowView& row) {
        households[row.Text(0)] = HouseholdInfo{row.Int(1), row.Text(2), row.Text(3), row.Int(4)};
      });
  std::unordered_map<std::int64_t, core::HouseholdRoles> roles;  // by household id
  // The households that already have members: read by household, or during a first load
  // taken from the head and spouse loaded so far.
  std::vector<Param> with_members;
  for (const auto& [number, info] : households) {
    core::HouseholdRoles& role = roles[info.id];
    role.head_id_number = info.head_id_number;
    if (!first_load_) {
      if (info.member_count > 0) {
        with_members.emplace_back(info.id);
      }
      continue;
    }
    const LoadedHousehold& loaded = loaded_[info.position];
    if (loaded.head != 0) {
      role.head_member_id = core::IdNumberFromDigits(loaded.head);
      role.head_sex = loaded.head_sex;
    }
    if (loaded.spouse != 0) {
      role.spouse_id = core::IdNumberFromDigits(loaded.spouse);
      role.spouse_sex = loaded.spouse_sex;
    }
  }
  // Every member of those households, read by household: their heads and spouses, and who of
  // the batch is on record there already. A household's members are one probe of its index
  // and lie together, where looking each of them up by ID number costs a probe of a larger
  // index and a page of its own: an office's unchanged file of 3.5 million members spent
  // 17.7 s of its 35 s in those lookups on PostgreSQL. Those of the batch not found here (new,
  // or moved from another household) are looked up by ID number below, into the same map.
  std::unordered_map<std::string, RecordedPerson> recorded;  // by ID number
  QueryInChunks(database_,
                "SELECT household_id, id_number, relation, sex, id, row_hash, labour_skill FROM "
                "persons WHERE household_id IN (",
                ")", with_members, [&](const RowView& row) {
                  const std::string relation = row.Text(2);
                  if (relation == "head" || relation == "spouse") {
                    core::HouseholdRoles& role = roles[row.Int(0)];
                    const core::Sex sex = row.Int(3) == 1 ? core::Sex::kMale : core::Sex::kFemale;
                    if (relation == "head") {
                      role.head_member_id = row.Text(1);
                      role.head_sex = sex;
                    } else {
                      role.spouse_id = row.Text(1);
                      role.spouse_sex = sex;
                    }
                  }
                  recorded.try_emplace(
                      row.Text(1), RecordedPerson{row.Int(4), row.Int(0), row.Int(5), row.Text(6)});
                });

  // The rows of this import's earlier batches that the batch repeats, from the keys in memory
  // (an import, not a direct caller, has a job), and who of the batch is on record already:
  // during a first load no one, otherwise read by ID number.
  const bool remember = first_load_ || context.import_job != 0;
  if (remember && !first_load_) {
    RememberFor(context.import_job);
  }
  std::vector<std::uint64_t> keys(rows.size(), 0);
  std::vector<std::optional<std::int64_t>> loaded_before(rows.size());
  if (remember) {
    for (std::size_t index = 0; index < rows.size(); ++index) {
      keys[index] = core::IdNumberDigits(rows[index].record.id_number).value_or(0);
    }
    loaded_before = RowsLoadedBefore(rows, keys);
  }

  // What the batch decides alone: the household exists and is in scope, no repeat within
  // the batch or of an earlier one, the roles of head and spouse hold. Repeats are refused
  // before the roles are checked: a refused row must not hold its household's head or
  // spouse against the rows after it.
  std::unordered_map<std::string_view, std::size_t> batch_ids;  // ID number -> index
  batch_ids.reserve(rows.size());
  std::vector<const HouseholdInfo*> household_of(rows.size(), nullptr);
  std::vector<std::size_t> candidates;
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const core::Person& person = rows[index].record;
    const auto household = households.find(person.household_no);
    if (household == households.end()) {
      reject(index, "户编号", "unknown_household",
             "户编号“" + person.household_no + "”不存在，请先导入家庭（户）信息");
      continue;
    }
    const HouseholdInfo& info = household->second;
    if (first_load_ && keys[index] == 0) {
      reject(index, "证件号码", "id_characters",
             NotNormalisedIdNumberMessage("证件号码", person.id_number));
      continue;
    }
    if (!CanWriteVillage(context.scope, info.village_code)) {
      reject(index, "户编号", "out_of_scope", "户“" + person.household_no + "”不在您的管理范围内");
      continue;
    }
    if (const auto earlier = batch_ids.find(person.id_number); earlier != batch_ids.end()) {
      reject(index, "证件号码", "duplicate_in_file",
             RepeatedIdMessage(person.id_number, rows[earlier->second].row_number));
      continue;
    }
    if (const auto earlier = loaded_before[index]) {
      reject(index, "证件号码", "duplicate_in_file", RepeatedIdMessage(person.id_number, *earlier));
      continue;
    }
    // The roles change only when the member is accepted.
    if (auto conflict = core::CheckHouseholdRoles(person, roles[info.id])) {
      results[index].outcome = RowOutcome::kRejected;
      results[index].error = std::move(conflict);
      continue;
    }
    batch_ids.emplace(person.id_number, index);
    household_of[index] = &info;
    candidates.push_back(index);
  }

  // Insert the new; collisions are people already in the registry.
  std::vector<std::string> columns(std::begin(kDataColumns), std::end(kDataColumns));
  columns.emplace_back("created_at");
  std::vector<std::string> births(rows.size());
  std::vector<std::int64_t> hashes(rows.size());
  const auto fill = [&](std::size_t index, std::vector<Param>& values) {
    const core::Person& person = rows[index].record;
    const HouseholdInfo& info = *household_of[index];
    values = {core::CountyCodeOf(info.village_code),
              info.id,
              person.id_number,
              person.name,
              person.relation,
              SexCode(person.sex),
              births[index],
              person.ethnicity,
              person.education,
              person.schooling,
              person.health,
              person.labour_skill,
              person.work_location,
              person.work_months,
              person.phone,
              hashes[index],
              context.import_job != 0 ? Param(context.import_job) : Param(),
              context.import_job != 0 ? Param(rows[index].row_number) : Param(),
              context.now};
  };
  for (const std::size_t index : candidates) {
    births[index] = rows[index].record.birth_date.ToIso();
    hashes[index] = Fingerprint(rows[index].record, household_of[index]->id);
  }
  const auto fill_new = [&](std::size_t index, std::vector<Param>& values) {
    fill(index, values);
    values.emplace_back(context.now);  // created_at
  };
  if (first_load_) {
    AppendFirstLoad(rows, candidates, keys, columns, fill_new, context);
    for (const std::size_t index : candidates) {
      results[index].outcome = RowOutcome::kInserted;
      const core::Person& person = rows[index].record;
      LoadedHousehold& loaded = loaded_[household_of[index]->position];
      ++loaded.members;
      loaded.labour += IsLabour(person.labour_skill) ? 1 : 0;
      if (person.relation == "head") {
        loaded.head = keys[index];
        loaded.head_sex = person.sex;
      } else if (person.relation == "spouse") {
        loaded.spouse = keys[index];
        loaded.spouse_sex = person.sex;
      }
    }
    return results;
  }
  CountDeltas deltas;
  // A member in (+1) or out (-1) of a household's counts.
  const auto count_member = [&](std::int64_t household, const std::string& labour_skill, int sign) {
    CountDelta& delta = deltas[household];
    delta.members += sign;
    delta.labour += IsLabour(labour_skill) ? sign : 0;
  };
  // Insert the new; a person on record already comes back, and is compared below. When the
  // batch before found most of its people on record (an office importing its updated file
  // again), they are looked up first, by ID number, and only the others are inserted: on
  // PostgreSQL a COPY and an INSERT that would find every row of an unchanged file taken are
  // saved. When most were new, looking them up first costs more than it saves: into a table
  // growing during the import, PostgreSQL planned the lookups of 3.5 million new ID numbers
  // to take 85 s.
  // Those found among their households' members are on record without a lookup.
  std::vector<std::size_t> not_in_household;
  for (const std::size_t index : candidates) {
    if (!recorded.contains(rows[index].record.id_number)) {
      not_in_household.push_back(index);
    }
  }
  if (look_up_first_) {
    ReadRecorded(rows, not_in_household, recorded);
  }
  std::vector<std::size_t> collided;
  std::vector<std::size_t> to_insert;
  for (const std::size_t index : candidates) {
    (recorded.contains(rows[index].record.id_number) ? collided : to_insert).push_back(index);
  }
  std::vector<std::vector<Param>> values(to_insert.size());
  for (std::size_t position = 0; position < to_insert.size(); ++position) {
    fill_new(to_insert[position], values[position]);
  }
  const std::vector<bool> inserted = database_.InsertNew("persons", columns, 2, values);

  const auto accept = [&](std::size_t index, RowOutcome outcome) {
    results[index].outcome = outcome;
    if (remember) {
      Remember(rows[index], keys[index]);
    }
  };
  std::vector<std::size_t> collided_on_insert;
  std::unordered_set<std::int64_t> first_counted;  // households whose counts get their row
  for (std::size_t position = 0; position < to_insert.size(); ++position) {
    const std::size_t index = to_insert[position];
    if (!inserted[position]) {
      collided_on_insert.push_back(index);
      continue;
    }
    accept(index, RowOutcome::kInserted);
    count_member(household_of[index]->id, rows[index].record.labour_skill, 1);
    if (household_of[index]->member_count == 0) {
      first_counted.insert(household_of[index]->id);
    }
  }
  persons_growth_.Added(to_insert.size() - collided_on_insert.size());
  ReadRecorded(rows, collided_on_insert, recorded);
  collided.insert(collided.end(), collided_on_insert.begin(), collided_on_insert.end());
  look_up_first_ = 2 * collided.size() >= candidates.size();

  // The changed are written together, a few statements a batch (one each took 105 µs on
  // PostgreSQL: 37 s of an import that changed a tenth of 3.5 million members).
  std::vector<std::size_t> changed;
  for (const std::size_t index : collided) {
    const core::Person& person = rows[index].record;
    // Collided, yet not found by its ID number: another unique rule of the schema.
    const auto stored = recorded.find(person.id_number);
    if (stored == recorded.end()) {
      reject(index, "证件号码", "conflict",
             "证件号码 " + core::MaskIdNumber(person.id_number) + " 与已有记录冲突");
      continue;
    }
    if (stored->second.row_hash == hashes[index]) {
      accept(index, RowOutcome::kUnchanged);  // nothing to write
      continue;
    }
    changed.push_back(index);
  }
  LockAndReadAgain(rows, changed, recorded);
  // A member on record in another office's household is not the writer's to move, nor one
  // another office moved there meanwhile (PostgreSQL: as read again under the lock): the
  // households such rows would take members from are looked up (a move is rare, and the
  // system's own scope needs no lookup).
  std::unordered_set<std::int64_t> not_theirs;
  if (context.scope.kind != DataScope::Kind::kAll) {
    std::vector<Param> left;
    for (const std::size_t index : changed) {
      const RecordedPerson& stored = recorded.at(rows[index].record.id_number);
      if (stored.household_id != household_of[index]->id) {
        left.emplace_back(stored.household_id);
      }
    }
    QueryInChunks(database_, "SELECT id, village_code FROM households WHERE id IN (", ")", left,
                  [&](const RowView& row) {
                    if (!CanWriteVillage(context.scope, std::to_string(row.Int(1)))) {
                      not_theirs.insert(row.Int(0));
                    }
                  });
  }
  std::vector<std::size_t> written;
  std::vector<std::vector<Param>> changes;
  for (const std::size_t index : changed) {
    const core::Person& person = rows[index].record;
    const RecordedPerson& stored = recorded.at(person.id_number);
    if (not_theirs.contains(stored.household_id)) {
      reject(index, "证件号码", "out_of_scope",
             "证件号码 " + core::MaskIdNumber(person.id_number) +
                 " 的人登记在您管理范围以外的户中，不能转入户“" + person.household_no + "”");
      continue;
    }
    written.push_back(index);
    fill(index, changes.emplace_back());
    changes.back().emplace_back(stored.id);
  }
  std::unordered_set<std::int64_t> updated;
  UpdateByIdFromValues(database_, "persons", {std::begin(kDataColumns), std::end(kDataColumns)},
                       {std::begin(kDataTypes), std::end(kDataTypes)}, std::move(changes),
                       [&](std::int64_t id) { updated.insert(id); });
  for (const std::size_t index : written) {
    const core::Person& person = rows[index].record;
    const RecordedPerson& stored = recorded.at(person.id_number);
    // Read before the batch, deleted by someone else since: the row is not stored again under
    // its old id, and the counts stay as they are.
    if (!updated.contains(stored.id)) {
      reject(index, "证件号码", "conflict",
             "证件号码 " + core::MaskIdNumber(person.id_number) +
                 " 的成员在导入期间已被他人删除，请重新导入这一行");
      continue;
    }
    const std::int64_t household_id = household_of[index]->id;
    count_member(household_id, person.labour_skill, 1);
    count_member(stored.household_id, stored.labour_skill, -1);
    if (stored.household_id != household_id) {
      // A move is rare: the household left is named by one lookup of its own.
      const ResultSet left = database_.Query("SELECT household_no FROM households WHERE id = $1",
                                             {stored.household_id});
      results[index].warning = "证件号码 " + core::MaskIdNumber(person.id_number) + " 从户“" +
                               (left.empty() ? std::string("?") : left[0].Text(0)) + "”转入户“" +
                               person.household_no + "”";
    }
    accept(index, RowOutcome::kUpdated);
  }
  ApplyCountChanges(database_, deltas);
  counts_growth_.Added(first_counted.size());
  return results;
}

}  // namespace shuanglian::store
