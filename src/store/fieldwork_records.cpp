#include "store/fieldwork_records.h"

namespace shuanglian::store {

std::optional<FieldKind> ParseFieldKind(std::string_view name) {
  if (name == "stationed-days" || name == "stationed_days" || name == "stationed_day") {
    return FieldKind::kStationedDay;
  }
  if (name == "visits" || name == "visit") {
    return FieldKind::kVisit;
  }
  if (name == "diary" || name == "diary_entries" || name == "diary_entry") {
    return FieldKind::kDiary;
  }
  if (name == "problems" || name == "problem") {
    return FieldKind::kProblem;
  }
  if (name == "suggestions" || name == "suggestion") {
    return FieldKind::kSuggestion;
  }
  if (name == "aid") {
    return FieldKind::kAid;
  }
  return std::nullopt;
}

std::string FieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kStationedDay:
      return "stationed-days";
    case FieldKind::kVisit:
      return "visits";
    case FieldKind::kDiary:
      return "diary";
    case FieldKind::kProblem:
      return "problems";
    case FieldKind::kSuggestion:
      return "suggestions";
    case FieldKind::kAid:
      return "aid";
  }
  return "";
}

}  // namespace shuanglian::store
