#include "store/household_store.h"

#include <unordered_map>

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
  std::int64_t import_job = 0;
  std::int64_t import_row = 0;
};

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const std::string& code : codes) {
    joined += (joined.empty() ? "" : ",") + code;
  }
  return joined;
}

std::int64_t ToInt(const std::string& digits) { return digits.empty() ? 0 : std::stoll(digits); }

Param OptionalBool(const std::optional<bool>& value) {
  return value ? Param(*value ? 1 : 0) : Param();
}

// The columns every write sets, in the order of HouseholdParams.
constexpr const char* kDataColumns[] = {
    "county_code", "household_no", "village_code", "group_code", "head_name", "head_id_number",
    "declared_members", "phone", "category", "main_cause", "other_causes",
    "per_capita_income_fen", "arable_land_centimu", "dilapidated_house", "identification_year",
    "exit_status", "exit_year", "assistance_type", "identification_standard", "bank_account",
    "row_hash", "import_job", "import_row", "updated_at"};

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
                context.import_job,
                row_number,
                context.now};
}

}  // namespace

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

  // Existing households by number, and the households each head's ID already heads.
  std::unordered_map<std::string, Existing> existing;
  std::unordered_map<std::string, std::string> headed_by;  // head ID -> household number
  for (std::size_t start = 0; start < rows.size(); start += kLookupChunk) {
    const std::size_t count = std::min(kLookupChunk, rows.size() - start);
    std::vector<Param> numbers;
    std::vector<Param> heads;
    for (std::size_t index = start; index < start + count; ++index) {
      numbers.emplace_back(rows[index].record.household_no);
      heads.emplace_back(rows[index].record.head_id_number);
    }
    for (const RowView row : database_.Query(
             "SELECT household_no, id, row_hash, import_job, import_row FROM households "
             "WHERE household_no IN (" + Placeholders(1, count) + ")",
             numbers)) {
      existing[row.Text(0)] = Existing{row.Int(1), row.Int(2), row.Int(3), row.Int(4)};
    }
    for (const RowView row : database_.Query(
             "SELECT head_id_number, household_no FROM households WHERE head_id_number IN (" +
                 Placeholders(1, count) + ")",
             heads)) {
      headed_by.emplace(row.Text(0), row.Text(1));
    }
  }

  std::vector<std::string> columns(std::begin(kDataColumns), std::end(kDataColumns));
  columns.emplace_back("created_at");
  auto insert = database_.BulkInsert("households", columns);
  std::string update_sql = "UPDATE households SET ";
  for (std::size_t index = 0; index < std::size(kDataColumns); ++index) {
    update_sql += (index ? ", " : "") + std::string(kDataColumns[index]) + " = $" +
                  std::to_string(index + 1);
  }
  update_sql += " WHERE id = $" + std::to_string(std::size(kDataColumns) + 1);
  auto update = database_.Prepare(update_sql);
  auto touch = database_.Prepare(
      "UPDATE households SET import_job = $1, import_row = $2 WHERE id = $3");

  std::unordered_map<std::string, std::int64_t> batch_numbers;  // number -> row
  std::unordered_map<std::string, std::string> group_codes;     // village|name -> code
  HouseholdParams params;
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const ImportRow<core::Household>& row = rows[index];
    const core::Household& household = row.record;
    RowResult& result = results[index];
    const auto reject = [&](const char* column, const char* code, std::string message) {
      result.outcome = RowOutcome::kRejected;
      result.error = core::FieldError{column, code, std::move(message)};
    };

    if (!CanWriteVillage(context.scope, household.village_code)) {
      reject("所属村代码", "out_of_scope", "村 " + household.village_code + " 不在您的管理范围内");
      continue;
    }
    const auto earlier = batch_numbers.find(household.household_no);
    const auto stored = existing.find(household.household_no);
    if (earlier != batch_numbers.end()) {
      reject("户编号", "duplicate_in_file",
             "户编号“" + household.household_no + "”与第 " + std::to_string(earlier->second) + " 行重复");
      continue;
    }
    if (stored != existing.end() && stored->second.import_job == context.import_job) {
      reject("户编号", "duplicate_in_file",
             "户编号“" + household.household_no + "”与第 " +
                 std::to_string(stored->second.import_row) + " 行重复");
      continue;
    }
    const auto head = headed_by.find(household.head_id_number);
    if (head != headed_by.end() && head->second != household.household_no) {
      reject("户主证件号码", "head_heads_other_household",
             "户主证件号码 " + core::MaskIdNumber(household.head_id_number) + " 已是户“" +
                 head->second + "”的户主");
      continue;
    }

    std::string group_code;
    if (!household.group.empty()) {
      if (household.group.size() == 15 && core::IsAsciiDigits(household.group)) {
        if (!regions.Get(household.group)) {
          reject("村民小组", "unknown_group", "村民小组代码“" + household.group + "”不存在");
          continue;
        }
        group_code = household.group;
      } else {
        const std::string key = household.village_code + "|" + household.group;
        auto found = group_codes.find(key);
        if (found == group_codes.end()) {
          auto [code, created] = regions.EnsureGroup(household.village_code, household.group, context.now);
          if (created) {
            created_groups.push_back(code + " " + household.group);
          }
          found = group_codes.emplace(key, code).first;
        }
        group_code = found->second;
      }
    }

    batch_numbers.emplace(household.household_no, row.row_number);
    headed_by[household.head_id_number] = household.household_no;
    const std::int64_t hash = Fingerprint(household, group_code);
    if (stored == existing.end()) {
      FillParams(params, household, group_code, hash, context, row.row_number);
      params.values.emplace_back(context.now);
      insert->Append(params.values);
      result.outcome = RowOutcome::kInserted;
    } else if (stored->second.row_hash == hash) {
      touch->Execute({context.import_job, row.row_number, stored->second.id});
      result.outcome = RowOutcome::kUnchanged;
    } else {
      FillParams(params, household, group_code, hash, context, row.row_number);
      params.values.emplace_back(stored->second.id);
      update->Execute(params.values);
      result.outcome = RowOutcome::kUpdated;
    }
  }
  insert->Finish();
  return results;
}

}  // namespace shuanglian::store
