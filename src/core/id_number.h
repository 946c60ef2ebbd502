#pragma once

#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace shuanglian::core {

enum class Sex { kMale, kFemale };

// A resident ID number (GB 11643-1999), checked and normalised: 18 characters, upper-case X.
struct IdNumber {
  std::string value;
  std::string address_code;  // 6 digits, GB/T 2260
  Date birth_date;
  Sex sex = Sex::kMale;
};

// The check character for the first 17 digits: "10X98765432"[Σ a_i·W_i mod 11].
char IdCheckCharacter(std::string_view first17);

// Reads an ID number as typed: full-width digits, a lower-case x and 15-digit legacy numbers
// are accepted; a number that Excel turned into a float is recognised and explained.
// Error codes: id_empty, id_excel_number, id_length, id_characters, id_birth_date,
// id_birth_future, id_check_digit.
Result<IdNumber> ParseIdNumber(std::string_view text, const Date& today);

// 620123********0012: the first six and last four characters stay.
std::string MaskIdNumber(std::string_view id_number);

std::string SexLabel(Sex sex);  // 男 / 女

}  // namespace shuanglian::core
