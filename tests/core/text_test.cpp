#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shuanglian::core {
namespace {

// UTF-8 spellings used below, written as bytes so the test does not depend on the editor.
constexpr const char* kIdeographicSpace = "\xE3\x80\x80";  // U+3000
constexpr const char* kNoBreakSpace = "\xC2\xA0";          // U+00A0
constexpr const char* kBom = "\xEF\xBB\xBF";               // U+FEFF

// ---------------------------------------------------------------------------------------------
// NormalizeWidth

struct WidthCase {
  std::string input;
  std::string expected;
};

class NormalizeWidthTest : public ::testing::TestWithParam<WidthCase> {};

TEST_P(NormalizeWidthTest, ConvertsFullWidthForms) {
  EXPECT_EQ(NormalizeWidth(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, NormalizeWidthTest,
    ::testing::Values(WidthCase{"", ""},                                // empty
                      WidthCase{"abc 123", "abc 123"},                  // ASCII untouched
                      WidthCase{"甘肃省", "甘肃省"},                    // CJK untouched
                      WidthCase{"１２３４５６７８９０", "1234567890"},  // full-width digits
                      WidthCase{"ＡＢＣｘｙｚ", "ABCxyz"},  // full-width letters keep their case
                      WidthCase{"！", "!"},                 // U+FF01, first of the block
                      WidthCase{"～", "~"},                 // U+FF5E, last of the block
                      WidthCase{"，．：；（）－／", ",.:;()-/"},  // full-width punctuation
                      WidthCase{"\xE3\x80\x80", " "},             // ideographic space
                      WidthCase{"a\xE3\x80\x80"
                                "b",
                                "a b"},  // ideographic space inside
                      WidthCase{"３４０５２４１９８００１０１００１ｘ", "34052419800101001x"},
                      WidthCase{"已脱贫（享受政策）", "已脱贫(享受政策)"},
                      WidthCase{"\xEF\xBD\x9F", "\xEF\xBD\x9F"},  // U+FF5F, just past the block
                      WidthCase{"\xEF\xBD\xA1", "\xEF\xBD\xA1"},  // U+FF61 half-width katakana dot
                      WidthCase{"\xE3\x80\x81", "\xE3\x80\x81"},  // 、 shares the E3 80 lead bytes
                      WidthCase{"\xEF\xBB\xBF", "\xEF\xBB\xBF"},  // BOM is not a width form
                      WidthCase{"a\xEF"
                                "b",
                                "a\xEF"
                                "b"},                       // a stray lead byte is kept
                      WidthCase{"\xE3\x80", "\xE3\x80"}));  // a truncated sequence is kept

// ---------------------------------------------------------------------------------------------
// Trim

struct TrimCase {
  std::string input;
  std::string expected;
};

class TrimTest : public ::testing::TestWithParam<TrimCase> {};

TEST_P(TrimTest, TrimsBothEnds) {
  EXPECT_EQ(std::string(Trim(GetParam().input)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TrimTest,
    ::testing::Values(
        TrimCase{"", ""}, TrimCase{"a", "a"}, TrimCase{"  a  ", "a"},
        TrimCase{" \t\r\n\v\fa b\f\v\n\r\t ", "a b"},  // every ASCII space, inner one kept
        TrimCase{"   ", ""},                           // only spaces
        TrimCase{std::string(kIdeographicSpace) + "户主" + kIdeographicSpace, "户主"},
        TrimCase{std::string(kNoBreakSpace) + "x" + kNoBreakSpace, "x"},
        TrimCase{std::string(kBom) + "code", "code"}, TrimCase{std::string("code") + kBom, "code"},
        TrimCase{std::string(kIdeographicSpace) + kIdeographicSpace, ""},
        TrimCase{std::string(kNoBreakSpace) + kBom + kIdeographicSpace, ""},
        // ASCII at one end, multi-byte spaces at the other.
        TrimCase{std::string(" ") + kIdeographicSpace + "甘肃" + kNoBreakSpace + " ", "甘肃"},
        TrimCase{std::string("a") + kIdeographicSpace, "a"},
        TrimCase{std::string(kIdeographicSpace) + "a", "a"},
        TrimCase{std::string(" ") + kNoBreakSpace + "x" + kNoBreakSpace + " ", "x"},
        // Multi-byte characters at the ends that are not spaces stay whole.
        TrimCase{"甘肃", "甘肃"}, TrimCase{" 甘肃 ", "甘肃"},
        TrimCase{std::string("甘") + kIdeographicSpace + "肃", "甘\xE3\x80\x80肃"},
        TrimCase{std::string(kIdeographicSpace) + "甘肃", "甘肃"},
        // Bytes that are not UTF-8 stop the trimming instead of being eaten.
        TrimCase{"a\xA0", "a\xA0"},  // a lone continuation byte, not U+00A0
        TrimCase{"\xA0"
                 "a",
                 "\xA0"
                 "a"},
        TrimCase{"x\xE3\x80", "x\xE3\x80"},  // a truncated U+3000
        TrimCase{" x\xE3\x80 ", "x\xE3\x80"}));

TEST(TrimTest, ReturnsAViewIntoTheInput) {
  const std::string input = "  abc  ";
  const std::string_view trimmed = Trim(input);
  EXPECT_EQ(trimmed, "abc");
  EXPECT_EQ(trimmed.data(), input.data() + 2);
}

// ---------------------------------------------------------------------------------------------
// CleanCell

TEST(CleanCellTest, NormalizesThenTrims) {
  EXPECT_EQ(CleanCell(" ＡＢ　"), "AB");
  EXPECT_EQ(CleanCell("　１２３　"), "123");  // U+3000 becomes a space, then is trimmed
  EXPECT_EQ(CleanCell(std::string(kBom) + "１２"), "12");
  EXPECT_EQ(CleanCell(std::string(kNoBreakSpace) + "扶贫户 "), "扶贫户");
  EXPECT_EQ(CleanCell("a　b"), "a b");  // an inner ideographic space becomes ASCII
  EXPECT_EQ(CleanCell(""), "");
  EXPECT_EQ(CleanCell("　"), "");
}

// CleanCellView is CleanCell without a copy: the same text for cells with and without width
// forms, wherever they stand.
TEST(CleanCellViewTest, AgreesWithNormalizeWidthThenTrim) {
  const std::vector<std::string> cells = {"",
                                          "  ",
                                          "abc",
                                          " 扶贫户 ",
                                          " ＡＢ　",
                                          "　１２３　",
                                          std::string(kBom) + "１２",
                                          std::string(kNoBreakSpace) + "扶贫户 ",
                                          "a　b",
                                          "620502197610230012",
                                          "６２０５０２１９７６１０２３００１ｘ",
                                          "甘肃省兰州市城关区　",
                                          "\xEF\xBC",  // a cut full-width form is kept as bytes
                                          "\xE3 x"};
  for (const std::string& cell : cells) {
    std::string scratch;
    EXPECT_EQ(CleanCellView(cell, scratch), std::string(Trim(NormalizeWidth(cell)))) << cell;
    EXPECT_EQ(CleanCellView(cell, scratch), CleanCell(cell)) << cell;
  }
}

TEST(CleanCellViewTest, ViewsTheCellWhenNothingIsReplaced) {
  const std::string cell = "  甘肃 ";
  std::string scratch;
  const std::string_view cleaned = CleanCellView(cell, scratch);
  EXPECT_EQ(cleaned, "甘肃");
  EXPECT_EQ(cleaned.data(), cell.data() + 2);
  EXPECT_TRUE(scratch.empty());
}

TEST(CleanCellViewTest, ViewsTheScratchWhenWidthFormsAreReplaced) {
  std::string scratch = "left over from an earlier cell";
  const std::string_view cleaned = CleanCellView(" Ａ１　", scratch);
  EXPECT_EQ(cleaned, "A1");
  EXPECT_GE(cleaned.data(), scratch.data());
  EXPECT_LE(cleaned.data() + cleaned.size(), scratch.data() + scratch.size());
}

// HasWidthForms reads eight bytes at a time: a width form at every offset of a word is found,
// and the lead bytes of other characters (E2, E5, E7, E8, EE) are not taken for one.
TEST(HasWidthFormsTest, FindsTheLeadBytesAtEveryOffset) {
  for (std::size_t offset = 0; offset < 20; ++offset) {
    const std::string before(offset, 'a');
    EXPECT_TRUE(HasWidthForms(before + "Ａ")) << offset;
    EXPECT_TRUE(HasWidthForms(before + kIdeographicSpace + "bcdefghij")) << offset;
    EXPECT_TRUE(HasWidthForms(before + kBom)) << offset;  // EF: normalised (kept) alike
    EXPECT_FALSE(HasWidthForms(before + "甘肃省兰州市城关区—\xEE\x80\x80")) << offset;
  }
  EXPECT_FALSE(HasWidthForms(""));
  EXPECT_FALSE(HasWidthForms("620502197610230012"));
}

// Trim decodes only the ends that may be a non-ASCII space.
TEST(TrimTest, KeepsOtherCharactersAndBadBytesAtTheEnds) {
  EXPECT_EQ(Trim("甘肃"), "甘肃");
  EXPECT_EQ(Trim(std::string(kNoBreakSpace) + "甘肃" + kIdeographicSpace + kBom), "甘肃");
  EXPECT_EQ(Trim("\xE5\x85 a \xE5"), "\xE5\x85 a \xE5");
  EXPECT_EQ(Trim("\xC2 a"), "\xC2 a");  // a lone C2 is no no-break space
  EXPECT_EQ(Trim("\xE3\x80"), "\xE3\x80");
}

// ---------------------------------------------------------------------------------------------
// IsValidUtf8

struct Utf8Case {
  std::string bytes;
  bool valid;
  std::string what;
};

class IsValidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(IsValidUtf8Test, Classifies) {
  EXPECT_EQ(IsValidUtf8(GetParam().bytes), GetParam().valid) << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsValidUtf8Test,
    ::testing::Values(Utf8Case{"", true, "empty"}, Utf8Case{"abc", true, "ASCII"},
                      Utf8Case{"甘肃省兰州市", true, "three-byte CJK"},
                      Utf8Case{"\xC2\xA0", true, "two-byte U+00A0"},
                      Utf8Case{"\xF0\x9F\x98\x80", true, "four-byte U+1F600"},
                      Utf8Case{"\xED\x9F\xBF", true, "U+D7FF, just below the surrogates"},
                      Utf8Case{"\xEE\x80\x80", true, "U+E000, just above the surrogates"},
                      Utf8Case{"\xF4\x8F\xBF\xBF", true, "U+10FFFF, the last code point"},
                      Utf8Case{std::string("a\0b", 3), true, "an embedded NUL is ASCII"},
                      Utf8Case{"\xC0\x80", false, "overlong NUL"},
                      Utf8Case{"\xC1\xBF", false, "overlong 2-byte"},
                      Utf8Case{"\xE0\x80\xAF", false, "overlong 3-byte '/'"},
                      Utf8Case{"\xE0\x9F\xBF", false, "overlong 3-byte U+07FF"},
                      Utf8Case{"\xF0\x80\x80\xAF", false, "overlong 4-byte '/'"},
                      Utf8Case{"\xF0\x8F\xBF\xBF", false, "overlong 4-byte U+FFFF"},
                      Utf8Case{"\xED\xA0\x80", false, "surrogate U+D800"},
                      Utf8Case{"\xED\xBF\xBF", false, "surrogate U+DFFF"},
                      Utf8Case{"\xF4\x90\x80\x80", false, "U+110000, past the end"},
                      Utf8Case{"\xF5\x80\x80\x80", false, "lead byte F5"},
                      Utf8Case{"\xF8\x88\x80\x80\x80", false, "five-byte form"},
                      Utf8Case{"\xFE", false, "byte FE"}, Utf8Case{"\xFF", false, "byte FF"},
                      Utf8Case{"\x80", false, "lone continuation byte"},
                      Utf8Case{"a\xBF"
                               "b",
                               false, "continuation byte between ASCII"},
                      Utf8Case{"\xC3", false, "truncated two-byte"},
                      Utf8Case{"\xE7\x94", false, "truncated three-byte at the end"},
                      Utf8Case{"\xE7\x94"
                               "a",
                               false, "three-byte cut by ASCII"},
                      Utf8Case{"a\xF0\x9F\x98", false, "truncated four-byte at the end"},
                      Utf8Case{"\xE7\x94\xB2\xE8", false, "valid character then a truncated one"}));

// ---------------------------------------------------------------------------------------------
// Utf8Length, IsAsciiDigits, AsciiLower

// IsValidUtf8 skips ASCII eight bytes at a time and passes common three-byte characters
// without decoding them: every verdict holds at every offset from the start of a word.
TEST(IsValidUtf8Test, SameVerdictAtEveryOffset) {
  const std::vector<std::pair<std::string, bool>> cases = {{"甘", true},
                                                           {"\xE1\x80\x80", true},
                                                           {"\xEC\xBF\xBF", true},
                                                           {"\xE1\x80", false},
                                                           {"\xE1\x80z", false},
                                                           {"\xE1z\x80", false},
                                                           {"\xE0\x80\x80", false},  // overlong
                                                           {"\xED\xA0\x80", false},  // a surrogate
                                                           {"\xEF\xBC\xA1", true},
                                                           {"\xF0\x9F\x98\x80", true},
                                                           {"\x80", false}};
  for (std::size_t offset = 0; offset < 17; ++offset) {
    const std::string before(offset, 'a');
    for (const auto& [bytes, valid] : cases) {
      EXPECT_EQ(IsValidUtf8(before + bytes), valid) << offset << " " << bytes;
      EXPECT_EQ(IsValidUtf8(before + bytes + "abcdefghijk"), valid) << offset << " " << bytes;
    }
  }
}

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("甘肃省"), 3u);
  EXPECT_EQ(Utf8Length("a甘\xF0\x9F\x98\x80"), 3u);
  EXPECT_EQ(Utf8Length("\xC2\xA0\xE3\x80\x80"), 2u);
  EXPECT_EQ(Utf8Length("户编号12"), 5u);
}

TEST(IsAsciiDigitsTest, OnlyNonEmptyAsciiDigits) {
  EXPECT_TRUE(IsAsciiDigits("0"));
  EXPECT_TRUE(IsAsciiDigits("620902108001"));
  EXPECT_FALSE(IsAsciiDigits(""));
  EXPECT_FALSE(IsAsciiDigits("12a"));
  EXPECT_FALSE(IsAsciiDigits("-1"));
  EXPECT_FALSE(IsAsciiDigits("1.0"));
  EXPECT_FALSE(IsAsciiDigits(" 1"));
  EXPECT_FALSE(IsAsciiDigits("１２"));  // full-width digits must be normalised first
}

TEST(HasAsciiUpperTest, OnlyAsciiCapitals) {
  EXPECT_TRUE(HasAsciiUpper("abC"));
  EXPECT_FALSE(HasAsciiUpper("abc 甘肃 Ａ"));  // a full-width capital is not ASCII
  EXPECT_FALSE(HasAsciiUpper(""));
}

TEST(AsciiLowerTest, LowersOnlyAscii) {
  EXPECT_EQ(AsciiLower("MALE"), "male");
  EXPECT_EQ(AsciiLower("Yes 1 Z"), "yes 1 z");
  EXPECT_EQ(AsciiLower("户主AB"), "户主ab");
  EXPECT_EQ(AsciiLower("ＡＢ"), "ＡＢ");  // full-width letters are not ASCII
  EXPECT_EQ(AsciiLower(""), "");
}

// ---------------------------------------------------------------------------------------------
// SplitAny

using Parts = std::vector<std::string>;

struct SplitCase {
  std::string input;
  std::vector<std::string> separators;
  Parts expected;
};

class SplitAnyTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitAnyTest, Splits) {
  EXPECT_EQ(SplitAny(GetParam().input, GetParam().separators), GetParam().expected);
}

const std::vector<std::string> kCauseSeparators = {"、", "；", ";"};

INSTANTIATE_TEST_SUITE_P(
    Table, SplitAnyTest,
    ::testing::Values(
        SplitCase{"因病、因残；缺水;缺技术", kCauseSeparators, {"因病", "因残", "缺水", "缺技术"}},
        SplitCase{"因病", kCauseSeparators, {"因病"}}, SplitCase{"", kCauseSeparators, {}},
        SplitCase{"、；;", kCauseSeparators, {}},
        SplitCase{"、、因病、", kCauseSeparators, {"因病"}},              // empty parts dropped
        SplitCase{" 因病 、 因残 ", kCauseSeparators, {"因病", "因残"}},  // parts trimmed
        SplitCase{"因病、　因残　", kCauseSeparators, {"因病", "因残"}},  // ideographic spaces
        SplitCase{"因病、 、因残", kCauseSeparators, {"因病", "因残"}},   // blank part dropped
        SplitCase{"a,b", kCauseSeparators, {"a,b"}},                      // not a separator here
        SplitCase{"a--b-c", {"--"}, {"a", "b-c"}},                        // multi-byte separator
        SplitCase{"a,b", {""}, {"a,b"}},                                  // empty separator ignored
        SplitCase{"a;b", {}, {"a;b"}}));                                  // no separators at all

TEST(AsciiPrefixLengthTest, StopsAtTheFirstByteThatIsNotAsciiWhereverItIs) {
  EXPECT_EQ(AsciiPrefixLength(""), 0u);
  const std::string ascii(37, 'a');
  EXPECT_EQ(AsciiPrefixLength(ascii), ascii.size());
  // Every offset, inside and across the eight-byte words.
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    const std::string text = ascii.substr(0, at) + "贫" + ascii.substr(at);
    EXPECT_EQ(AsciiPrefixLength(text), at) << at;
  }
}

}  // namespace
}  // namespace shuanglian::core
