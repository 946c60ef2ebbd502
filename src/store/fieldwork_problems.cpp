// Problems (难题/诉求): registered, handled or reported to the leadership group, solved
// with a result, rated at the return visit; similar ones grouped into a case.
#include <algorithm>

#include "core/hash.h"
#include "core/region_code.h"
#include "store/fieldwork_store.h"
#include "store/progress_ledger.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

// What a client sent, as a number: a ledger row or a phone's copy that matches the stored
// problem is "unchanged". Every change of the problem, by form or by workflow, refreshes it.
std::int64_t ProblemHash(std::int64_t helper_id, std::int64_t household_id,
                         const std::string& village_code, const std::string& category,
                         const std::string& description, const std::string& raised_on,
                         const std::string& due_date, const std::string& status,
                         const std::string& result, const std::string& satisfaction) {
  return core::Fingerprint()
      .Add(helper_id)
      .Add(household_id)
      .Add(village_code)
      .Add(category)
      .Add(description)
      .Add(raised_on)
      .Add(due_date)
      .Add(status)
      .Add(result)
      .Add(satisfaction)
      .value();
}

void RefreshProblemHash(Database& database, std::int64_t problem_id) {
  const ResultSet rows = database.Query(
      "SELECT helper_id, household_id, village_code, category, description, raised_on, due_date, "
      "status, result, satisfaction FROM problems WHERE id = $1",
      {problem_id});
  const RowView row = rows[0];
  database.Execute("UPDATE problems SET content_hash = $2 WHERE id = $1",
                   {problem_id, ProblemHash(row.Int(0), row.OptInt(1).value_or(0), row.Text(2),
                                            row.Text(3), row.Text(4), row.Text(5), row.Text(6),
                                            row.Text(7), row.Text(8), row.Text(9))});
}

RowResult Rejected(const char* column, const std::string& code, std::string message) {
  RowResult result;
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
  return result;
}

RowResult Outcome(RowOutcome outcome) {
  RowResult result;
  result.outcome = outcome;
  return result;
}

// A solved problem counts for its cadre in the year it was solved, if it has a result.
int SolvedYear(const std::string& solved_at) {
  return std::stoi(solved_at.substr(0, 4));
}

struct ProblemState {
  std::int64_t id = 0;
  std::int64_t helper_id = 0;
  std::string village_code;
  std::string status;
  std::string result;
  std::string solved_at;
  std::int64_t version = 0;
};

std::optional<ProblemState> LoadState(Database& database, std::int64_t id) {
  const auto rows = database.Query(
      "SELECT id, helper_id, village_code, status, result, solved_at, version FROM problems WHERE "
      "id = $1",
      {id});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ProblemState{rows[0].Int(0),  rows[0].Int(1),  rows[0].Text(2), rows[0].Text(3),
                      rows[0].Text(4), rows[0].Text(5), rows[0].Int(6)};
}

// May this writer act on the problem: their own (a cadre), or in their region (an office)?
bool MayHandle(const DataScope& scope, const ProblemState& state) {
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return scope.can_write;
    case DataScope::Kind::kRegion:
      return CanWriteVillage(scope, state.village_code);
    case DataScope::Kind::kHelper:
      return scope.can_write && state.helper_id == scope.helper_id;
    default:
      return false;
  }
}

void Event(Database& database, std::int64_t problem, const WriteContext& context,
           const std::string& from, const std::string& to, const std::string& note) {
  database.Execute(
      "INSERT INTO problem_events (problem_id, at, username, from_status, to_status, note) VALUES "
      "($1, $2, $3, $4, $5, $6)",
      {problem, context.now, context.actor, from.empty() ? Param() : Param(from), to, note});
}

}  // namespace

RowResult FieldworkStore::SaveProblem(const core::Problem& given, const FieldWrite& write,
                                      std::int64_t* id) {
  core::Problem record = given;
  if (auto refused =
          FillVillageFromHousehold(record.village_code, record.household_no, write, "户编号")) {
    return *refused;
  }
  std::int64_t helper_id = 0;
  if (auto refused = ResolveHelper(record.helper_phone, write, "责任干部电话", &helper_id)) {
    return *refused;
  }
  if (auto refused = CheckVillage(record.village_code, write, "村代码")) {
    return *refused;
  }
  std::optional<std::int64_t> household_id;
  if (!record.household_no.empty()) {
    std::int64_t found = 0;
    if (auto refused =
            ResolveHousehold(record.household_no, record.village_code, write, "户编号", &found)) {
      return *refused;
    }
    household_id = found;
  }
  const std::int64_t hash = ProblemHash(
      helper_id, household_id.value_or(0), record.village_code, record.category, record.description,
      record.raised_on.ToIso(), record.due_date ? record.due_date->ToIso() : "", record.status,
      record.result, record.satisfaction);
  const WriteContext& context = write.context;
  const Param due = record.due_date ? Param(record.due_date->ToIso()) : Param();
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto existing = FindByUuid("problems", record.client_uuid);
    if (auto answered = CheckVersion("problems", existing, hash, write, id)) {
      return *answered;
    }
    if (existing) {
      const ProblemState state = *LoadState(database_, existing->id);
      if (state.version != existing->version) {
        return std::nullopt;  // changed by another writer since it was found: look again
      }
      if (state.status != record.status) {
        return Rejected("办理状态", "use_workflow",
                        "办理状态只能按流程改变（办理、上报、解决），不能直接改写");
      }
      // Only the version read above is changed: another writer's step in between makes this
      // look again rather than write over it.
      if (database_
              .Query(
                  "UPDATE problems SET helper_id = $2, household_id = $3, village_code = $4, "
                  "county_code = $5, category = $6, description = $7, raised_on = $8, due_date = "
                  "$9, result = $10, satisfaction = $11, updated_at = $12, version = version + 1, "
                  "content_hash = $13 WHERE id = $1 AND version = $14 RETURNING id",
                  {existing->id, helper_id, household_id, std::stoll(record.village_code),
                   core::CountyCodeOf(record.village_code), record.category, record.description,
                   record.raised_on.ToIso(), due, record.result,
                   record.satisfaction.empty() ? Param() : Param(record.satisfaction), context.now,
                   hash, state.version})
              .empty()) {
        return std::nullopt;
      }
      if (state.status == "solved") {
        // The cadre answering for it, or its result, may have changed: move its count.
        ProgressLedger ledger(database_);
        if (!state.result.empty()) {
          ledger.Add(state.helper_id, SolvedYear(state.solved_at), "problems_solved", -1);
        }
        if (!record.result.empty()) {
          ledger.Add(helper_id, SolvedYear(state.solved_at), "problems_solved", 1);
        }
      }
      return Outcome(RowOutcome::kUpdated);
    }
    // A form registers; a ledger may bring a problem in any state, solved on the day it was
    // raised as far as anyone can now tell.
    if (write.base_version.has_value() && record.status != "registered") {
      return Rejected("办理状态", "use_workflow", "新登记的问题从“登记”开始，再按流程办理");
    }
    const std::string solved_at =
        record.status == "solved" ? record.raised_on.ToIso() + "T00:00:00+08:00" : "";
    const ResultSet inserted = database_.Query(
        "INSERT INTO problems (client_uuid, county_code, helper_id, household_id, village_code, "
        "category, description, raised_on, status, due_date, result, satisfaction, "
        "registered_at, solved_at, created_by, created_at, updated_at, content_hash) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $13, $13, $16) ON "
        "CONFLICT (client_uuid) DO NOTHING RETURNING id",
        {record.client_uuid, core::CountyCodeOf(record.village_code), helper_id, household_id,
         std::stoll(record.village_code), record.category, record.description,
         record.raised_on.ToIso(), record.status, due, record.result,
         record.satisfaction.empty() ? Param() : Param(record.satisfaction), context.now,
         solved_at.empty() ? Param() : Param(solved_at), context.actor, hash});
    if (inserted.empty()) {
      return std::nullopt;  // inserted meanwhile by another writer
    }
    const std::int64_t created = inserted[0].Int(0);
    Event(database_, created, context, "", record.status,
          write.base_version.has_value() ? "" : "导入");
    if (record.status == "solved") {
      ProgressLedger(database_).Add(helper_id, SolvedYear(solved_at), "problems_solved", 1);
    }
    if (id != nullptr) {
      *id = created;
    }
    return Outcome(RowOutcome::kInserted);
  };
  return UntilAnswered("难题“" + record.client_uuid + "”", attempt);
}

RowResult FieldworkStore::MoveProblem(std::int64_t problem_id, const std::string& to_status,
                                      const std::string& result, const std::string& note,
                                      const FieldWrite& write) {
  const WriteContext& context = write.context;
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto state = LoadState(database_, problem_id);
    if (!state || !MayHandle(context.scope, *state)) {
      return Rejected("问题", "not_found", "问题不存在或不在您的管理范围内");
    }
    if (write.base_version && *write.base_version != state->version) {
      return Rejected("问题", "version_conflict",
                      "这个问题已在别处办理（现为第 " + std::to_string(state->version) +
                          " 版），请刷新后再操作");
    }
    const std::string final_result = result.empty() ? state->result : result;
    if (auto refused = core::CheckProblemTransition(state->status, to_status, final_result, "")) {
      RowResult refusal;
      refusal.error = std::move(*refused);
      return refusal;
    }
    const bool solving = to_status == "solved";
    // The step is taken from the state read above only: another step taken in between makes
    // this one look again (a conflict, or judged from the new state) instead of undoing it.
    if (database_
            .Query("UPDATE problems SET status = $2, result = $3, solved_at = $4, satisfaction = "
                   "NULL, updated_at = $5, version = version + 1 WHERE id = $1 AND version = $6 "
                   "RETURNING id",
                   {problem_id, to_status, final_result, solving ? Param(context.now) : Param(),
                    context.now, state->version})
            .empty()) {
      return std::nullopt;
    }
    ProgressLedger ledger(database_);
    if (state->status == "solved" && !state->result.empty()) {
      ledger.Add(state->helper_id, SolvedYear(state->solved_at), "problems_solved", -1);
    }
    if (solving) {
      ledger.Add(state->helper_id, SolvedYear(context.now), "problems_solved", 1);
    }
    Event(database_, problem_id, context, state->status, to_status, note);
    RefreshProblemHash(database_, problem_id);
    return Outcome(RowOutcome::kUpdated);
  };
  return UntilAnswered("问题（编号 " + std::to_string(problem_id) + "）", attempt);
}

RowResult FieldworkStore::RateProblem(std::int64_t problem_id, const std::string& satisfaction,
                                      const FieldWrite& write) {
  const auto attempt = [&]() -> std::optional<RowResult> {
    const auto state = LoadState(database_, problem_id);
    if (!state || !MayHandle(write.context.scope, *state)) {
      return Rejected("问题", "not_found", "问题不存在或不在您的管理范围内");
    }
    if (state->status != "solved") {
      return Rejected("满意度", "not_solved", "问题解决后回访，才有满意度");
    }
    if (dictionaries_.Get("satisfaction").FindCode(satisfaction) == nullptr) {
      return Rejected("满意度", "not_in_dictionary", "满意度“" + satisfaction + "”不是允许的值");
    }
    // Rated only while still the solved problem read above (not reopened meanwhile).
    if (database_
            .Query("UPDATE problems SET satisfaction = $2, updated_at = $3, version = version + 1 "
                   "WHERE id = $1 AND version = $4 RETURNING id",
                   {problem_id, satisfaction, write.context.now, state->version})
            .empty()) {
      return std::nullopt;
    }
    Event(database_, problem_id, write.context, state->status, state->status,
          "回访：" + dictionaries_.Get("satisfaction").Label(satisfaction));
    RefreshProblemHash(database_, problem_id);
    return Outcome(RowOutcome::kUpdated);
  };
  return UntilAnswered("问题（编号 " + std::to_string(problem_id) + "）", attempt);
}

RowResult FieldworkStore::GroupProblems(const std::string& title, const std::string& region_code,
                                        const std::vector<std::int64_t>& problem_ids,
                                        const FieldWrite& write, std::int64_t* case_id) {
  if (problem_ids.size() < 2) {
    return Rejected("问题", "too_few", "归并至少需要两个问题");
  }
  if (database_.backend() == Backend::kPostgres) {
    // Held before they are read (READ COMMITTED): a problem solved meanwhile is seen solved
    // and refused, and a step taken after this finds the version moved (SQLite's writers take
    // turns already).
    std::vector<Param> ids(problem_ids.begin(), problem_ids.end());
    std::sort(ids.begin(), ids.end(),
              [](const Param& a, const Param& b) { return a.as_int() < b.as_int(); });
    QueryInChunks(database_, "SELECT id FROM problems WHERE id IN (", ") ORDER BY id FOR UPDATE",
                  ids, [](const RowView&) {});
  }
  for (const std::int64_t id : problem_ids) {
    const auto state = LoadState(database_, id);
    if (!state || !MayHandle(write.context.scope, *state)) {
      return Rejected("问题", "not_found",
                      "问题 " + std::to_string(id) + " 不存在或不在您的管理范围内");
    }
    if (state->status == "solved") {
      return Rejected("问题", "already_solved", "问题 " + std::to_string(id) + " 已解决，不再归并");
    }
    if (!core::IsWithin(state->village_code, region_code)) {
      return Rejected("区划", "outside_region",
                      "问题 " + std::to_string(id) + " 不在区划 " + region_code + " 内");
    }
  }
  const std::int64_t created =
      database_
          .Query(
              "INSERT INTO problem_cases (title, region_code, created_by, created_at) VALUES ($1, "
              "$2, $3, $4) RETURNING id",
              {title, region_code, write.context.actor, write.context.now})[0]
          .Int(0);
  std::vector<Param> params{created, write.context.now};
  std::string list;
  for (const std::int64_t id : problem_ids) {
    list += (list.empty() ? "" : ", ") + Bind(params, id);
  }
  database_.Execute(
      "UPDATE problems SET case_id = $1, updated_at = $2, version = version + 1 "
      "WHERE id IN (" +
          list + ")",
      params);
  *case_id = created;
  return Outcome(RowOutcome::kInserted);
}

}  // namespace shuanglian::store
