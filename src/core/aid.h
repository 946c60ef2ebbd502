#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/date.h"
#include "core/field.h"
#include "core/record_reader.h"

namespace shuanglian::core {

// Aid delivered (帮扶物资/资金): who gave what to whom, how much of it and what it was worth,
// and the donation drive it belongs to ("地膜 276 卷、化肥 414 袋，价值 6 万余元").
enum AidField : int {
  kAidUuid,
  kAidDay,
  kAidGiverKind,
  kAidGiverUnit,
  kAidGiverPhone,
  kAidReceiverKind,
  kAidHousehold,
  kAidVillage,
  kAidReceiverName,
  kAidItem,
  kAidQuantity,
  kAidMeasure,
  kAidValue,
  kAidDrive,
  kAidNote,
  kAidFieldCount
};
std::span<const FieldSpec> AidFields();

struct Aid {
  std::string client_uuid;
  Date day;
  std::string giver_kind;  // unit, helper
  std::string giver_unit;  // a unit's name (units include enterprises)
  std::string giver_phone;
  std::string receiver_kind;  // household, village, school
  std::string household_no;
  std::string village_code;
  std::string receiver_name;  // a school's name
  std::string item;           // 地膜, 化肥, 现金 ...
  std::int64_t quantity_milli = 0;
  std::string measure;  // aid_measure code
  std::int64_t value_fen = 0;
  std::string drive;  // a donation drive's name
  std::string note;
};
Validated<Aid> ValidateAid(const RawRecord& raw, const ValidationContext& context);

}  // namespace shuanglian::core
