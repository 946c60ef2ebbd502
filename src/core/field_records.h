#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/field.h"
#include "core/record_reader.h"

namespace shuanglian::core {

// What a cadre records in the field (驻村, 走访, 民情日记, 建设性意见). The cadre is named by
// phone in a ledger file; a form leaves it empty and the server fills in the signed-in cadre.
// Every record has a client-made UUID; a ledger row without one gets one derived from its
// content, so that importing the same ledger twice stores it once.

// A client UUID: 1 to 64 letters, digits and '-' (a browser's crypto.randomUUID()).
bool IsClientUuid(std::string_view text);
// The UUID of a record without one: "imp-" and a digest of its kind and content.
std::string DerivedUuid(std::string_view kind, std::string_view content);

enum StationedDayField : int {
  kStationedUuid,
  kStationedHelperPhone,
  kStationedDay,
  kStationedVillage,
  kStationedLocation,
  kStationedFieldCount
};
std::span<const FieldSpec> StationedDayFields();

struct StationedDay {
  std::string client_uuid;
  std::string helper_phone;
  Date day;
  std::string village_code;
  std::string location;  // where in the village, or coordinates "36.06,103.83"
};
Validated<StationedDay> ValidateStationedDay(const RawRecord& raw,
                                             const ValidationContext& context);

enum VisitField : int {
  kVisitUuid,
  kVisitDay,
  kVisitVillage,
  kVisitHelperPhones,
  kVisitHouseholds,
  kVisitKinds,
  kVisitLearned,
  kVisitFieldCount
};
std::span<const FieldSpec> VisitFields();

struct Visit {
  std::string client_uuid;
  Date day;
  std::string village_code;
  std::vector<std::string> helper_phones;  // the cadres who went; empty: the one recording
  std::vector<std::string> household_nos;  // empty: the village as a whole
  std::vector<std::string> kinds;          // work_kind codes: 六民 and the five kinds of work
  std::string learned;
  std::vector<std::string> photos;  // SHA-256 of uploaded photos (forms only)
  bool photos_given = false;        // false: a ledger row, which cannot carry photos, keeps them
};
Validated<Visit> ValidateVisit(const RawRecord& raw, const ValidationContext& context);

enum DiaryField : int {
  kDiaryUuid,
  kDiaryHelperPhone,
  kDiaryDay,
  kDiaryVillage,
  kDiaryText,
  kDiaryFieldCount
};
std::span<const FieldSpec> DiaryFields();

struct DiaryEntry {
  std::string client_uuid;
  std::string helper_phone;
  Date day;
  std::string village_code;
  std::string text;
};
Validated<DiaryEntry> ValidateDiaryEntry(const RawRecord& raw, const ValidationContext& context);

enum SuggestionField : int {
  kSuggestionUuid,
  kSuggestionHelperPhone,
  kSuggestionDay,
  kSuggestionVillage,
  kSuggestionAddressee,
  kSuggestionContent,
  kSuggestionAdopted,
  kSuggestionFieldCount
};
std::span<const FieldSpec> SuggestionFields();

struct Suggestion {
  std::string client_uuid;
  std::string helper_phone;
  Date day;
  std::string village_code;
  std::string addressee;  // village, unit, township
  std::string content;
  std::optional<bool> adopted;
};
Validated<Suggestion> ValidateSuggestion(const RawRecord& raw, const ValidationContext& context);

// Shared by the validators of field records: the UUID (or one derived from the row), a
// 12-digit village code.
std::string ReadClientUuid(RecordReader& reader, int field, std::string_view kind,
                           const RawRecord& raw);
std::string ReadVillageCode(RecordReader& reader, int field, bool required = true);

}  // namespace shuanglian::core
