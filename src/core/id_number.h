#pragma once

#include <cstdint>
#include <optional>
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

// The first 17 digits of a normalised ID number as one integer. The check character follows
// from them, so the integer names the number exactly, in 8 bytes instead of a string's 32:
// what a load of millions keeps in memory. nullopt unless `id_number` is 17 digits and their
// check character.
std::optional<std::uint64_t> IdNumberDigits(std::string_view id_number);
// The normalised ID number of those digits, its check character added.
std::string IdNumberFromDigits(std::uint64_t digits);

// 620123********0012: the first six and last four characters stay.
std::string MaskIdNumber(std::string_view id_number);

std::string SexLabel(Sex sex);  // 男 / 女

}  // namespace shuanglian::core
