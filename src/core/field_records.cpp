#include "core/field_records.h"

#include <cstdio>

#include "core/hash.h"
#include "core/region_code.h"
#include "core/text.h"

namespace shuanglian::core {

namespace {

constexpr std::size_t kLongText = 4000;  // a diary page, what a visit learned
const std::vector<std::string> kListSeparators = {"、", ";", "；", ",", "，", " "};

}  // namespace

bool IsClientUuid(std::string_view text) {
  if (text.empty() || text.size() > 64) {
    return false;
  }
  for (const char c : text) {
    const bool allowed =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!allowed) {
      return false;
    }
  }
  return true;
}

std::string DerivedUuid(std::string_view kind, std::string_view content) {
  // Two independent 63-bit digests: 126 bits, enough that two ledgers' rows never meet.
  const std::int64_t first = Fingerprint().Add(kind).Add(content).value();
  const std::int64_t second = Fingerprint().Add(content).Add(kind).Add(std::int64_t{7}).value();
  char text[64];
  std::snprintf(text, sizeof text, "imp-%016llx%016llx", static_cast<unsigned long long>(first),
                static_cast<unsigned long long>(second));
  return text;
}

std::string ReadClientUuid(RecordReader& reader, int field, std::string_view kind,
                           const RawRecord& raw) {
  const std::string text = reader.Text(field);
  if (text.empty()) {
    std::string content;
    for (std::size_t index = 0; index < raw.size(); ++index) {
      if (static_cast<int>(index) != field) {
        content += reader.Text(static_cast<int>(index));
        content.push_back('\x1f');
      }
    }
    return DerivedUuid(kind, content);
  }
  if (!IsClientUuid(text)) {
    reader.Fail(field, "bad_uuid", "记录编号“" + text + "”无效（应为1到64位字母、数字或“-”）");
  }
  return text;
}

std::string ReadVillageCode(RecordReader& reader, int field, bool required) {
  const std::string code =
      required ? reader.RequiredText(field, 12) : reader.OptionalText(field, 12);
  if (!code.empty() && LevelOfCode(code) != RegionLevel::kVillage) {
    reader.Fail(field, "bad_village_code", "村代码“" + code + "”应为12位村级区划代码");
  }
  return code;
}

std::span<const FieldSpec> StationedDayFields() {
  static const std::vector<FieldSpec> kFields = {
      {kStationedUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kStationedHelperPhone,
       "干部电话",
       "helper_phone",
       {"帮扶人电话", "联系电话"},
       false,
       "",
       "网页上留空即本人"},
      {kStationedDay, "驻村日期", "day", {"日期"}, true, "", "如 2012-03-15"},
      {kStationedVillage, "村代码", "village_code", {"驻村村代码"}, true, "", "12位"},
      {kStationedLocation, "地点", "location", {"位置"}, false, "", ""},
  };
  return kFields;
}

Validated<StationedDay> ValidateStationedDay(const RawRecord& raw,
                                             const ValidationContext& context) {
  Validated<StationedDay> result;
  RecordReader reader(raw, StationedDayFields(), context, result.errors);
  StationedDay& day = result.value;
  day.client_uuid = ReadClientUuid(reader, kStationedUuid, "stationed_day", raw);
  day.helper_phone =
      reader.IsEmpty(kStationedHelperPhone) ? "" : reader.Phone(kStationedHelperPhone);
  day.day = reader.DateValue(kStationedDay).value_or(Date{});
  day.village_code = ReadVillageCode(reader, kStationedVillage);
  day.location = reader.Prose(kStationedLocation, 100, false);
  return result;
}

std::span<const FieldSpec> VisitFields() {
  static const std::vector<FieldSpec> kFields = {
      {kVisitUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kVisitDay, "走访日期", "day", {"日期"}, true, "", "如 2012-03-15"},
      {kVisitVillage,
       "村代码",
       "village_code",
       {"走访村代码"},
       false,
       "",
       "12位；走访农户时可留空"},
      {kVisitHelperPhones,
       "走访干部电话",
       "helper_phones",
       {"干部电话", "帮扶人电话"},
       false,
       "",
       "多人用“、”分隔；网页上留空即本人"},
      {kVisitHouseholds,
       "走访户编号",
       "household_nos",
       {"户编号"},
       false,
       "",
       "多户用“、”分隔；留空即走访全村"},
      {kVisitKinds,
       "工作内容",
       "kinds",
       {"走访内容", "类别"},
       true,
       "work_kind",
       "六民、五项工作，多项用“、”分隔"},
      {kVisitLearned, "了解情况", "learned", {"走访记录", "内容"}, false, "", ""},
  };
  return kFields;
}

Validated<Visit> ValidateVisit(const RawRecord& raw, const ValidationContext& context) {
  Validated<Visit> result;
  RecordReader reader(raw, VisitFields(), context, result.errors);
  Visit& visit = result.value;
  visit.client_uuid = ReadClientUuid(reader, kVisitUuid, "visit", raw);
  visit.day = reader.DateValue(kVisitDay).value_or(Date{});
  // A visit to households takes its village from them; only a visit to the whole village
  // must name it.
  visit.village_code = ReadVillageCode(reader, kVisitVillage, false);
  for (const std::string& text : SplitAny(reader.Text(kVisitHelperPhones), kListSeparators)) {
    auto phone = NormalisedPhone(text);
    if (!phone) {
      reader.Fail(kVisitHelperPhones, "bad_phone", "走访干部电话“" + text + "”不是有效的电话号码");
      break;
    }
    visit.helper_phones.push_back(std::move(*phone));
  }
  for (std::string& number : SplitAny(reader.Text(kVisitHouseholds), kListSeparators)) {
    if (number.size() > 40) {
      reader.Fail(kVisitHouseholds, "too_long", "户编号“" + number + "”过长");
      break;
    }
    visit.household_nos.push_back(std::move(number));
  }
  if (visit.household_nos.empty() && visit.village_code.empty() &&
      !reader.HasError(kVisitVillage)) {
    reader.Fail(kVisitVillage, "required", "走访全村时请填写村代码");
  }
  if (visit.household_nos.size() > 200) {
    reader.Fail(kVisitHouseholds, "too_many", "一次走访最多记200户");
  }
  visit.kinds = reader.DictionaryCodes(kVisitKinds);
  visit.learned = reader.Prose(kVisitLearned, kLongText, false);
  return result;
}

std::span<const FieldSpec> DiaryFields() {
  static const std::vector<FieldSpec> kFields = {
      {kDiaryUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kDiaryHelperPhone,
       "干部电话",
       "helper_phone",
       {"帮扶人电话"},
       false,
       "",
       "网页上留空即本人"},
      {kDiaryDay, "日期", "day", {"日记日期"}, true, "", "每人每天一篇"},
      {kDiaryVillage, "村代码", "village_code", {}, true, "", "12位"},
      {kDiaryText, "日记内容", "text", {"内容", "民情日记"}, true, "", ""},
  };
  return kFields;
}

Validated<DiaryEntry> ValidateDiaryEntry(const RawRecord& raw, const ValidationContext& context) {
  Validated<DiaryEntry> result;
  RecordReader reader(raw, DiaryFields(), context, result.errors);
  DiaryEntry& entry = result.value;
  entry.client_uuid = ReadClientUuid(reader, kDiaryUuid, "diary", raw);
  entry.helper_phone = reader.IsEmpty(kDiaryHelperPhone) ? "" : reader.Phone(kDiaryHelperPhone);
  entry.day = reader.DateValue(kDiaryDay).value_or(Date{});
  entry.village_code = ReadVillageCode(reader, kDiaryVillage);
  entry.text = reader.Prose(kDiaryText, kLongText, true);
  return result;
}

std::span<const FieldSpec> SuggestionFields() {
  static const std::vector<FieldSpec> kFields = {
      {kSuggestionUuid, "记录编号", "client_uuid", {"UUID"}, false, "", "留空自动生成"},
      {kSuggestionHelperPhone,
       "干部电话",
       "helper_phone",
       {"帮扶人电话"},
       false,
       "",
       "网页上留空即本人"},
      {kSuggestionDay, "日期", "day", {"提出日期"}, true, "", ""},
      {kSuggestionVillage, "村代码", "village_code", {}, true, "", "12位"},
      {kSuggestionAddressee,
       "提给",
       "addressee",
       {"意见对象"},
       true,
       "addressee",
       "村、帮扶单位、乡镇"},
      {kSuggestionContent, "意见内容", "content", {"内容", "建议"}, true, "", ""},
      {kSuggestionAdopted, "是否采纳", "adopted", {"采纳"}, false, "yes_no", "留空：尚未决定"},
  };
  return kFields;
}

Validated<Suggestion> ValidateSuggestion(const RawRecord& raw, const ValidationContext& context) {
  Validated<Suggestion> result;
  RecordReader reader(raw, SuggestionFields(), context, result.errors);
  Suggestion& suggestion = result.value;
  suggestion.client_uuid = ReadClientUuid(reader, kSuggestionUuid, "suggestion", raw);
  suggestion.helper_phone =
      reader.IsEmpty(kSuggestionHelperPhone) ? "" : reader.Phone(kSuggestionHelperPhone);
  suggestion.day = reader.DateValue(kSuggestionDay).value_or(Date{});
  suggestion.village_code = ReadVillageCode(reader, kSuggestionVillage);
  suggestion.addressee = reader.DictionaryCode(kSuggestionAddressee);
  suggestion.content = reader.Prose(kSuggestionContent, kLongText, true);
  if (!reader.IsEmpty(kSuggestionAdopted)) {
    suggestion.adopted = reader.YesNo(kSuggestionAdopted);
  }
  return result;
}

}  // namespace shuanglian::core
