#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/field.h"
#include "core/record_reader.h"

namespace shuanglian::core {

// A problem (难题/诉求) raised by a household or a village, and the way it is handled:
//   登记 registered → 办理中 in_progress → 已解决 solved, or
//   登记/办理中 → 上报领导小组 reported → 领导小组办理 leadership → 已解决 solved;
// a solved problem the household is not satisfied with goes back to 办理中.
enum ProblemField : int {
  kProblemUuid,
  kProblemHelperPhone,
  kProblemHousehold,
  kProblemVillage,
  kProblemCategory,
  kProblemDescription,
  kProblemRaisedOn,
  kProblemStatus,
  kProblemDue,
  kProblemResult,
  kProblemSatisfaction,
  kProblemFieldCount
};
std::span<const FieldSpec> ProblemFields();

struct Problem {
  std::string client_uuid;
  std::string helper_phone;
  std::string household_no;  // empty: raised by the village
  std::string village_code;
  std::string category;
  std::string description;
  Date raised_on;
  std::string status = "registered";
  std::optional<Date> due_date;
  std::string result;
  std::string satisfaction;
};
// A ledger row may record a problem in any state (an old ledger has solved ones); a
// solved problem needs its result.
Validated<Problem> ValidateProblem(const RawRecord& raw, const ValidationContext& context);

// May a problem go from one state to the other?
bool ProblemTransitionAllowed(std::string_view from, std::string_view to);
// The states reachable from `from`, for the screens' buttons.
std::vector<std::string> ProblemNextStates(std::string_view from);

// Why a transition cannot happen, or nothing: a forbidden step, a solution without its
// result in words, satisfaction asked before the problem is solved.
std::optional<FieldError> CheckProblemTransition(std::string_view from, std::string_view to,
                                                 std::string_view result,
                                                 std::string_view satisfaction);

}  // namespace shuanglian::core
