#include "core/id_number.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "core/field.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Date kToday{2024, 6, 1};

// GB 11643 computed by the test itself, not by IdCheckCharacter.
char ExpectedCheck(const std::string& first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int index = 0; index < 17; ++index) {
    sum += (first17[static_cast<std::size_t>(index)] - '0') * kWeights[index];
  }
  return "10X98765432"[sum % 11];
}

std::string WithCheck(const std::string& first17) {
  return first17 + ExpectedCheck(first17);
}

// ---------------------------------------------------------------------------------------------
// IdCheckCharacter

TEST(IdCheckCharacterTest, StandardExamples) {
  EXPECT_EQ(IdCheckCharacter("34052419800101001"), 'X');
  EXPECT_EQ(IdCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdCheckCharacter("62090219800101001"), '0');
  EXPECT_EQ(IdCheckCharacter("62090219800101000"), '2');
  EXPECT_EQ(IdCheckCharacter("62012319800101001"), '9');
}

TEST(IdCheckCharacterTest, AgreesWithTheTestsOwnComputation) {
  // Walk the digits through every value at every position.
  std::string body = "62012319850615002";
  for (std::size_t position = 0; position < 17; ++position) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      std::string varied = body;
      varied[position] = digit;
      ASSERT_EQ(IdCheckCharacter(varied), ExpectedCheck(varied)) << varied;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// IdNumberDigits, IdNumberFromDigits

TEST(IdNumberDigitsTest, TheSeventeenDigitsAsOneInteger) {
  EXPECT_EQ(IdNumberDigits("34052419800101001X"), std::uint64_t{34052419800101001});
  EXPECT_EQ(IdNumberDigits("620902198001010010"), std::uint64_t{62090219800101001});
}

TEST(IdNumberDigitsTest, ComeBackAsTheSameNumber) {
  for (const std::string number :
       {"34052419800101001X", "11010519491231002X", "620123198001010019", "620902198001010002"}) {
    const auto digits = IdNumberDigits(number);
    ASSERT_TRUE(digits.has_value()) << number;
    EXPECT_EQ(IdNumberFromDigits(*digits), number);
  }
  // Leading zeros are kept: the string always has 18 characters.
  EXPECT_EQ(IdNumberFromDigits(12345).substr(0, 17), "00000000000012345");
  EXPECT_EQ(IdNumberFromDigits(12345).size(), 18u);
}

TEST(IdNumberDigitsTest, OnlyANormalisedNumberWithItsCheckCharacter) {
  EXPECT_EQ(IdNumberDigits("340524198001010011"), std::nullopt);  // check should be X
  EXPECT_EQ(IdNumberDigits("34052419800101001x"), std::nullopt);  // not normalised
  EXPECT_EQ(IdNumberDigits("340524800101001"), std::nullopt);     // 15 digits
  EXPECT_EQ(IdNumberDigits("3405241980010100AX"), std::nullopt);
  EXPECT_EQ(IdNumberDigits(""), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// ParseIdNumber: accepted

TEST(ParseIdNumberTest, StandardExamplesAreValid) {
  const auto first = ParseIdNumber("34052419800101001X", kToday);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->value, "34052419800101001X");
  EXPECT_EQ(first->address_code, "340524");
  EXPECT_EQ(first->birth_date, (Date{1980, 1, 1}));
  EXPECT_EQ(first->sex, Sex::kMale);  // 17th digit 1

  const auto second = ParseIdNumber("11010519491231002X", kToday);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->value, "11010519491231002X");
  EXPECT_EQ(second->address_code, "110105");
  EXPECT_EQ(second->birth_date, (Date{1949, 12, 31}));
  EXPECT_EQ(second->sex, Sex::kFemale);  // 17th digit 2
}

struct NormaliseCase {
  std::string input;
  std::string expected;
};

class ParseIdNumberNormalisesTest : public ::testing::TestWithParam<NormaliseCase> {};

TEST_P(ParseIdNumberNormalisesTest, Normalises) {
  const auto parsed = ParseIdNumber(GetParam().input, kToday);
  ASSERT_TRUE(parsed.ok()) << GetParam().input << ": " << parsed.error().code;
  EXPECT_EQ(parsed->value, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseIdNumberNormalisesTest,
    ::testing::Values(NormaliseCase{"34052419800101001x", "34052419800101001X"},  // lower-case x
                      NormaliseCase{"３４０５２４１９８００１０１００１Ｘ", "34052419800101001X"},
                      NormaliseCase{"３４０５２４１９８００１０１００１ｘ", "34052419800101001X"},
                      NormaliseCase{"620902198001010010", "620902198001010010"},
                      NormaliseCase{"  620902198001010010\t", "620902198001010010"},
                      NormaliseCase{"\xE3\x80\x80"
                                    "620902198001010010"
                                    "\xE3\x80\x80",
                                    "620902198001010010"},
                      NormaliseCase{"620902 19800101 0010",
                                    "620902198001010010"},  // grouped by spaces
                      NormaliseCase{"620902-19800101-0010", "620902198001010010"},  // or by dashes
                      NormaliseCase{"620902\xE3\x80\x80"
                                    "198001010010",
                                    "620902198001010010"}));

TEST(ParseIdNumberTest, FifteenDigitLegacyNumbersAreUpgraded) {
  struct Legacy {
    std::string fifteen;
    Date birth;
    Sex sex;
  };
  const Legacy cases[] = {
      {"340524800101001", {1980, 1, 1}, Sex::kMale},
      {"110105491231002", {1949, 12, 31}, Sex::kFemale},
      {"620123850615003", {1985, 6, 15}, Sex::kMale},
      {"620902000101004", {1900, 1, 1}, Sex::kFemale},
  };
  for (const Legacy& legacy : cases) {
    // Insert the century "19" after the address code, then the check character.
    const std::string expected =
        WithCheck(legacy.fifteen.substr(0, 6) + "19" + legacy.fifteen.substr(6));
    const auto parsed = ParseIdNumber(legacy.fifteen, kToday);
    ASSERT_TRUE(parsed.ok()) << legacy.fifteen << ": " << parsed.error().message;
    EXPECT_EQ(parsed->value, expected);
    EXPECT_EQ(parsed->value.size(), 18u);
    EXPECT_EQ(parsed->birth_date, legacy.birth);
    EXPECT_EQ(parsed->sex, legacy.sex);
  }
  // The two standard examples are the upgrades of their 15-digit forms.
  EXPECT_EQ(ParseIdNumber("340524800101001", kToday)->value, "34052419800101001X");
  EXPECT_EQ(ParseIdNumber("110105491231002", kToday)->value, "11010519491231002X");
  EXPECT_EQ(ParseIdNumber("620123850615003", kToday)->value, "620123198506150033");
}

TEST(ParseIdNumberTest, FifteenDigitNumberWithImpossibleDateIsRejected) {
  const auto parsed = ParseIdNumber("620902000229004", kToday);  // 1900-02-29
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "id_birth_date");
}

TEST(ParseIdNumberTest, SexComesFromTheSeventeenthDigit) {
  for (char digit = '0'; digit <= '9'; ++digit) {
    const std::string id = WithCheck(std::string("6201231985061500") + digit);
    const auto parsed = ParseIdNumber(id, kToday);
    ASSERT_TRUE(parsed.ok()) << id << ": " << parsed.error().message;
    EXPECT_EQ(parsed->sex, (digit - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale) << id;
  }
}

TEST(ParseIdNumberTest, BirthOnTodayIsAccepted) {
  const std::string id = WithCheck("62012320240601001");
  const auto parsed = ParseIdNumber(id, kToday);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->birth_date, kToday);
}

// ---------------------------------------------------------------------------------------------
// ParseIdNumber: refused, one row per rule

struct RefuseCase {
  std::string name;
  std::string input;
  std::string code;
  std::string message_part;  // a piece the message must contain
};

class ParseIdNumberRefusesTest : public ::testing::TestWithParam<RefuseCase> {};

TEST_P(ParseIdNumberRefusesTest, Refuses) {
  const auto parsed = ParseIdNumber(GetParam().input, kToday);
  ASSERT_FALSE(parsed.ok()) << GetParam().input << " was accepted as " << parsed->value;
  EXPECT_EQ(parsed.error().code, GetParam().code);
  EXPECT_THAT(parsed.error().message, HasSubstr(GetParam().message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseIdNumberRefusesTest,
    ::testing::Values(
        RefuseCase{"Empty", "", "id_empty", "为空"},
        RefuseCase{"Blank", "  \xE3\x80\x80 ", "id_empty", "为空"},
        RefuseCase{"ExcelScientific", "6.20902E+17", "id_excel_number", "文本"},
        RefuseCase{"ExcelScientificLower", "6.20902e+17", "id_excel_number", "6.20902e+17"},
        RefuseCase{"ExcelFloat", "620902198001010000.0", "id_excel_number", "Excel"},
        RefuseCase{"WrongCheckDigit", "340524198001010010", "id_check_digit", "末位应为 X"},
        RefuseCase{"WrongCheckDigitX", "62090219800101001X", "id_check_digit", "末位应为 0"},
        RefuseCase{"TrailingZerosGetExcelHint", "620902198001010000", "id_check_digit",
                   "末位应为 2"},
        RefuseCase{"ImpossibleMonth", "340524198013010011", "id_birth_date", "19801301"},
        RefuseCase{"ImpossibleDay", "340524198002300013", "id_birth_date", "19800230"},
        RefuseCase{"NotALeapYear", "340524190002290012", "id_birth_date", "19000229"},
        RefuseCase{"Before1800", "340524179912310012", "id_birth_date", "17991231"},
        RefuseCase{"BornTomorrow", "620123202406020012", "id_birth_future", "2024-06-02"},
        RefuseCase{"BornNextYear", "620123202501010012", "id_birth_future", "晚于今天"},
        RefuseCase{"SixteenDigits", "3405241980010100", "id_length", "现为16位"},
        RefuseCase{"SeventeenDigits", "34052419800101001", "id_length", "现为17位"},
        RefuseCase{"NineteenDigits", "34052419800101001X1", "id_length", "现为19位"},
        RefuseCase{"FifteenWithLetter", "34052480010100X", "id_length", "现为15位"},
        RefuseCase{"ChineseCountsCharacters", "甘肃", "id_length", "现为2位"},
        RefuseCase{"LetterInBody", "34052419800101A01X", "id_characters", "只能由数字"},
        RefuseCase{"XNotLast", "3405241980010100XX", "id_characters", "只能由数字"},
        RefuseCase{"OtherCheckLetter", "34052419800101001Y", "id_characters", "只能由数字"},
        RefuseCase{"EighteenBytesOfChinese", "甘肃省兰州市", "id_characters", "甘肃省兰州市"},
        RefuseCase{"Punctuation", "340524.1980010100X", "id_characters", "只能由数字"}),
    [](const ::testing::TestParamInfo<RefuseCase>& param_info) { return param_info.param.name; });

TEST(ParseIdNumberTest, CheckDigitErrorWithoutTrailingZerosHasNoExcelHint) {
  const auto parsed = ParseIdNumber("340524198001010010", kToday);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "id_check_digit");
  EXPECT_THAT(parsed.error().message, Not(HasSubstr("Excel")));
}

TEST(ParseIdNumberTest, CheckDigitErrorWithTrailingZerosHasExcelHint) {
  // Excel keeps 15 significant digits: 620902198001010012 becomes 620902198001010000.
  const auto parsed = ParseIdNumber("620902198001010000", kToday);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "id_check_digit");
  EXPECT_THAT(parsed.error().message, HasSubstr("末位应为 2"));
  EXPECT_THAT(parsed.error().message, HasSubstr("Excel"));
  EXPECT_THAT(parsed.error().message, HasSubstr(kExcelTextColumnHint));
}

TEST(ParseIdNumberTest, FutureDependsOnTheTodayArgument) {
  const std::string id = WithCheck("62012320240602001");
  EXPECT_EQ(ParseIdNumber(id, Date{2024, 6, 1}).error().code, "id_birth_future");
  EXPECT_TRUE(ParseIdNumber(id, Date{2024, 6, 2}).ok());
  EXPECT_TRUE(ParseIdNumber(id, Date{2030, 1, 1}).ok());
}

TEST(ParseIdNumberTest, BirthDateIsCheckedBeforeTheCheckDigit) {
  // Both the date and the check character are wrong: the date is reported.
  const std::string id = "340524198013010011";
  ASSERT_NE(ExpectedCheck(id.substr(0, 17)), '1');
  EXPECT_EQ(ParseIdNumber(id, kToday).error().code, "id_birth_date");
}

// ---------------------------------------------------------------------------------------------
// MaskIdNumber, SexLabel

TEST(MaskIdNumberTest, KeepsFirstSixAndLastFour) {
  EXPECT_EQ(MaskIdNumber("620123198001010012"), "620123********0012");
  EXPECT_EQ(MaskIdNumber("34052419800101001X"), "340524********001X");
  EXPECT_EQ(MaskIdNumber("340524800101001"), "340524*****1001");  // 15 digits
  EXPECT_EQ(MaskIdNumber("12345678901"), "123456*8901");
}

TEST(MaskIdNumberTest, ShortValuesAreMaskedEntirely) {
  EXPECT_EQ(MaskIdNumber(""), "");
  EXPECT_EQ(MaskIdNumber("1234"), "****");
  EXPECT_EQ(MaskIdNumber("1234567890"), "**********");
}

TEST(SexLabelTest, ChineseLabels) {
  EXPECT_EQ(SexLabel(Sex::kMale), "男");
  EXPECT_EQ(SexLabel(Sex::kFemale), "女");
}

}  // namespace
}  // namespace shuanglian::core
