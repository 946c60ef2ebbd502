#include "store/person_store.h"

#include <set>
#include <unordered_map>

#include "core/hash.h"
#include "core/region_code.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

struct HouseholdInfo {
  std::int64_t id = 0;
  std::string village_code;
  std::string head_id_number;
};

struct ExistingPerson {
  std::int64_t id = 0;
  std::int64_t household_id = 0;
  std::string household_no;
  std::int64_t row_hash = 0;
  std::int64_t import_job = 0;
  std::int64_t import_row = 0;
};

int SexCode(core::Sex sex) { return sex == core::Sex::kMale ? 1 : 2; }

constexpr const char* kDataColumns[] = {
    "county_code", "household_id", "village_code", "id_number", "name", "relation", "sex",
    "birth_date", "ethnicity", "education", "schooling", "health", "labour_skill",
    "work_location", "work_months", "phone", "row_hash", "import_job", "import_row",
    "updated_at"};

}  // namespace

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
  std::unordered_map<std::string, HouseholdInfo> households;  // by number
  std::unordered_map<std::string, ExistingPerson> existing;    // by ID number
  std::unordered_map<std::int64_t, core::HouseholdRoles> roles;  // by household id

  for (std::size_t start = 0; start < rows.size(); start += kLookupChunk) {
    const std::size_t count = std::min(kLookupChunk, rows.size() - start);
    std::vector<Param> numbers;
    std::vector<Param> ids;
    for (std::size_t index = start; index < start + count; ++index) {
      numbers.emplace_back(rows[index].record.household_no);
      ids.emplace_back(rows[index].record.id_number);
    }
    for (const RowView row : database_.Query(
             "SELECT household_no, id, village_code, head_id_number FROM households "
             "WHERE household_no IN (" + Placeholders(1, count) + ")",
             numbers)) {
      households[row.Text(0)] = HouseholdInfo{row.Int(1), row.Text(2), row.Text(3)};
    }
    for (const RowView row : database_.Query(
             "SELECT p.id_number, p.id, p.household_id, h.household_no, p.row_hash, p.import_job, "
             "p.import_row FROM persons p JOIN households h ON h.id = p.household_id "
             "WHERE p.id_number IN (" + Placeholders(1, count) + ")",
             ids)) {
      existing[row.Text(0)] =
          ExistingPerson{row.Int(1), row.Int(2), row.Text(3), row.Int(4), row.Int(5), row.Int(6)};
    }
  }
  // The heads and spouses already stored for these households.
  std::vector<std::int64_t> household_ids;
  for (const auto& [number, info] : households) {
    household_ids.push_back(info.id);
    roles[info.id].head_id_number = info.head_id_number;
  }
  for (std::size_t start = 0; start < household_ids.size(); start += kLookupChunk) {
    const std::size_t count = std::min(kLookupChunk, household_ids.size() - start);
    std::vector<Param> ids(household_ids.begin() + static_cast<std::ptrdiff_t>(start),
                           household_ids.begin() + static_cast<std::ptrdiff_t>(start + count));
    for (const RowView row : database_.Query(
             "SELECT household_id, id_number, relation, sex FROM persons WHERE household_id IN (" +
                 Placeholders(1, count) + ") AND relation IN ('head', 'spouse')",
             ids)) {
      core::HouseholdRoles& role = roles[row.Int(0)];
      const core::Sex sex = row.Int(3) == 1 ? core::Sex::kMale : core::Sex::kFemale;
      if (row.Text(2) == "head") {
        role.head_member_id = row.Text(1);
        role.head_sex = sex;
      } else {
        role.spouse_id = row.Text(1);
        role.spouse_sex = sex;
      }
    }
  }

  std::vector<std::string> columns(std::begin(kDataColumns), std::end(kDataColumns));
  columns.emplace_back("created_at");
  auto insert = database_.BulkInsert("persons", columns);
  std::string update_sql = "UPDATE persons SET ";
  for (std::size_t index = 0; index < std::size(kDataColumns); ++index) {
    update_sql += (index ? ", " : "") + std::string(kDataColumns[index]) + " = $" +
                  std::to_string(index + 1);
  }
  update_sql += " WHERE id = $" + std::to_string(std::size(kDataColumns) + 1);
  auto update = database_.Prepare(update_sql);
  auto touch = database_.Prepare("UPDATE persons SET import_job = $1, import_row = $2 WHERE id = $3");

  std::unordered_map<std::string, std::int64_t> batch_ids;  // ID number -> row
  std::set<std::int64_t> affected;
  std::vector<Param> values;
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const ImportRow<core::Person>& row = rows[index];
    const core::Person& person = row.record;
    RowResult& result = results[index];
    const auto reject = [&](const char* column, const char* code, std::string message) {
      result.outcome = RowOutcome::kRejected;
      result.error = core::FieldError{column, code, std::move(message)};
    };

    const auto household = households.find(person.household_no);
    if (household == households.end()) {
      reject("户编号", "unknown_household",
             "户编号“" + person.household_no + "”不存在，请先导入家庭（户）信息");
      continue;
    }
    const HouseholdInfo& info = household->second;
    if (!CanWriteVillage(context.scope, info.village_code)) {
      reject("户编号", "out_of_scope", "户“" + person.household_no + "”不在您的管理范围内");
      continue;
    }
    const auto earlier = batch_ids.find(person.id_number);
    if (earlier != batch_ids.end()) {
      reject("证件号码", "duplicate_in_file",
             "证件号码 " + core::MaskIdNumber(person.id_number) + " 与第 " +
                 std::to_string(earlier->second) + " 行重复");
      continue;
    }
    const auto stored = existing.find(person.id_number);
    if (stored != existing.end() && stored->second.import_job == context.import_job) {
      reject("证件号码", "duplicate_in_file",
             "证件号码 " + core::MaskIdNumber(person.id_number) + " 与第 " +
                 std::to_string(stored->second.import_row) + " 行重复");
      continue;
    }
    core::HouseholdRoles& role = roles[info.id];
    core::HouseholdRoles tentative = role;
    if (auto conflict = core::CheckHouseholdRoles(person, tentative)) {
      result.outcome = RowOutcome::kRejected;
      result.error = std::move(conflict);
      continue;
    }
    role = tentative;
    batch_ids.emplace(person.id_number, row.row_number);

    const std::int64_t hash = Fingerprint(person, info.id);
    const std::string birth = person.birth_date.ToIso();
    if (stored != existing.end() && stored->second.row_hash == hash) {
      touch->Execute({context.import_job, row.row_number, stored->second.id});
      result.outcome = RowOutcome::kUnchanged;
      continue;
    }
    values = {core::CountyCodeOf(info.village_code),
              info.id,
              std::stoll(info.village_code),
              person.id_number,
              person.name,
              person.relation,
              SexCode(person.sex),
              birth,
              person.ethnicity,
              person.education,
              person.schooling,
              person.health,
              person.labour_skill,
              person.work_location,
              person.work_months,
              person.phone,
              hash,
              context.import_job,
              row.row_number,
              context.now};
    affected.insert(info.id);
    if (stored == existing.end()) {
      values.emplace_back(context.now);
      insert->Append(values);
      result.outcome = RowOutcome::kInserted;
    } else {
      if (stored->second.household_id != info.id) {
        affected.insert(stored->second.household_id);
        result.warning = "证件号码 " + core::MaskIdNumber(person.id_number) + " 从户“" +
                         stored->second.household_no + "”转入户“" + person.household_no + "”";
      }
      values.emplace_back(stored->second.id);
      update->Execute(values);
      result.outcome = RowOutcome::kUpdated;
    }
  }
  insert->Finish();
  RefreshCounts(std::vector<std::int64_t>(affected.begin(), affected.end()));
  return results;
}

void PersonStore::RefreshCounts(const std::vector<std::int64_t>& household_ids) {
  std::string labour_list;
  std::vector<Param> labour_params;
  for (std::size_t index = 0; index < labour_codes_.size(); ++index) {
    labour_list += (index ? ", $" : "$") + std::to_string(index + 1);
    labour_params.emplace_back(labour_codes_[index]);
  }
  if (labour_list.empty()) {
    labour_list = "NULL";
  }
  for (std::size_t start = 0; start < household_ids.size(); start += kLookupChunk) {
    const std::size_t count = std::min(kLookupChunk, household_ids.size() - start);
    std::vector<Param> params = labour_params;
    for (std::size_t index = start; index < start + count; ++index) {
      params.emplace_back(household_ids[index]);
    }
    database_.Execute(
        "UPDATE households SET member_count = (SELECT count(*) FROM persons p WHERE "
        "p.household_id = households.id), labour_count = (SELECT count(*) FROM persons p WHERE "
        "p.household_id = households.id AND p.labour_skill IN (" + labour_list + ")) "
        "WHERE id IN (" + Placeholders(labour_params.size() + 1, count) + ")",
        params);
  }
}

}  // namespace shuanglian::store
