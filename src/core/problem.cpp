#include "core/problem.h"

#include <array>
#include <utility>

#include "core/field_records.h"

namespace shuanglian::core {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTransitions = {{
    {"registered", "in_progress"},
    {"registered", "reported"},
    {"in_progress", "solved"},
    {"in_progress", "reported"},
    {"reported", "leadership"},
    {"leadership", "solved"},
    {"solved", "in_progress"},  // reopened: the household was not satisfied
}};

// The states' names for messages (the screens take theirs from the problem_status dictionary).
std::string StatusLabel(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kLabels = {{
      {"registered", "登记"},
      {"in_progress", "办理中"},
      {"reported", "上报领导小组"},
      {"leadership", "领导小组办理"},
      {"solved", "已解决"},
  }};
  for (const auto& [status, label] : kLabels) {
    if (status == code) {
      return std::string(label);
    }
  }
  return std::string(code);
}

}  // namespace

std::span<const FieldSpec> ProblemFields() {
  static const std::vector<FieldSpec> kFields = {
      {kProblemUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kProblemHelperPhone,
       "责任干部电话",
       "helper_phone",
       {"干部电话", "帮扶人电话"},
       false,
       "",
       "网页上留空即本人"},
      {kProblemHousehold, "户编号", "household_no", {"反映户"}, false, "", "留空：村里反映的问题"},
      {kProblemVillage, "村代码", "village_code", {}, false, "", "12位；农户反映的可留空"},
      {kProblemCategory, "问题类别", "category", {"类别"}, true, "problem_category", ""},
      {kProblemDescription, "问题描述", "description", {"问题", "诉求", "难题"}, true, "", ""},
      {kProblemRaisedOn, "反映日期", "raised_on", {"登记日期", "日期"}, true, "", ""},
      {kProblemStatus, "办理状态", "status", {"状态"}, false, "problem_status", "留空：登记"},
      {kProblemDue, "限办日期", "due_date", {"办结时限"}, false, "", ""},
      {kProblemResult, "办理结果", "result", {"结果", "解决情况"}, false, "", "已解决的须填写"},
      {kProblemSatisfaction, "满意度", "satisfaction", {"回访满意度"}, false, "satisfaction", ""},
  };
  return kFields;
}

Validated<Problem> ValidateProblem(const RawRecord& raw, const ValidationContext& context) {
  Validated<Problem> result;
  RecordReader reader(raw, ProblemFields(), context, result.errors);
  Problem& problem = result.value;
  problem.client_uuid = ReadClientUuid(reader, kProblemUuid, "problem", raw);
  problem.helper_phone =
      reader.IsEmpty(kProblemHelperPhone) ? "" : reader.Phone(kProblemHelperPhone);
  problem.household_no = reader.OptionalText(kProblemHousehold, 40);
  // A household's problem takes its village from the household; a village's must name it.
  problem.village_code = ReadVillageCode(reader, kProblemVillage, false);
  if (problem.village_code.empty() && problem.household_no.empty() &&
      !reader.HasError(kProblemVillage)) {
    reader.Fail(kProblemVillage, "required", "村里反映的问题请填写村代码");
  }
  problem.category = reader.DictionaryCode(kProblemCategory);
  problem.description = reader.Prose(kProblemDescription, 2000, true);
  problem.raised_on = reader.DateValue(kProblemRaisedOn).value_or(Date{});
  if (!reader.IsEmpty(kProblemStatus)) {
    problem.status = reader.DictionaryCode(kProblemStatus);
  }
  if (!reader.IsEmpty(kProblemDue)) {
    // A due date lies ahead: it is not held to "not after today" like the others.
    problem.due_date = ParseDate(reader.Text(kProblemDue));
    if (!problem.due_date) {
      reader.Fail(kProblemDue, "bad_date",
                  "限办日期“" + reader.Text(kProblemDue) + "”不是有效日期（应如 2012-05-01）");
    } else if (problem.raised_on.year != 0 && *problem.due_date < problem.raised_on) {
      reader.Fail(kProblemDue, "before_raised", "限办日期早于反映日期");
    }
  }
  problem.result = reader.Prose(kProblemResult, 2000, false);
  problem.satisfaction = reader.OptionalText(kProblemSatisfaction, 10).empty()
                             ? ""
                             : reader.DictionaryCode(kProblemSatisfaction);
  if (problem.status == "solved" && problem.result.empty()) {
    reader.Fail(kProblemResult, "result_required", "已解决的问题须写明办理结果");
  }
  if (!problem.satisfaction.empty() && problem.status != "solved") {
    reader.Fail(kProblemSatisfaction, "not_solved", "问题解决后回访，才有满意度");
  }
  return result;
}

bool ProblemTransitionAllowed(std::string_view from, std::string_view to) {
  for (const auto& [a, b] : kTransitions) {
    if (a == from && b == to) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> ProblemNextStates(std::string_view from) {
  std::vector<std::string> states;
  for (const auto& [a, b] : kTransitions) {
    if (a == from) {
      states.emplace_back(b);
    }
  }
  return states;
}

std::optional<FieldError> CheckProblemTransition(std::string_view from, std::string_view to,
                                                 std::string_view result,
                                                 std::string_view satisfaction) {
  if (!ProblemTransitionAllowed(from, to)) {
    return FieldError{"办理状态", "transition_forbidden",
                      "办理流程不允许从“" + StatusLabel(from) + "”转到“" + StatusLabel(to) + "”"};
  }
  if (to == "solved" && result.empty()) {
    return FieldError{"办理结果", "result_required", "问题解决须写明办理结果"};
  }
  if (!satisfaction.empty() && to != "solved") {
    return FieldError{"满意度", "not_solved", "问题解决后回访，才有满意度"};
  }
  return std::nullopt;
}

}  // namespace shuanglian::core
