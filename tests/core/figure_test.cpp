#include "core/figure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/project_dictionaries.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

DictionaryItem Figure(std::string code, std::string label, std::string scale) {
  DictionaryItem item;
  item.code = std::move(code);
  item.label = std::move(label);
  if (!scale.empty()) {
    item.attributes["scale"] = std::move(scale);
  }
  return item;
}

TEST(FigureScaleTest, FromTheScaleAttribute) {
  EXPECT_EQ(FigureScale(Figure("households", "户数", "")), 0);
  EXPECT_EQ(FigureScale(Figure("arable_land", "耕地面积", "2")), 2);
  EXPECT_EQ(FigureScale(Figure("distance", "距乡镇距离", "1")), 1);
}

struct ParseCase {
  std::string scale;
  std::string text;
  std::int64_t expected;
};

class ParseFigureValueTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseFigureValueTest, Parses) {
  const DictionaryItem figure = Figure("f", "指标", GetParam().scale);
  const auto value = ParseFigureValue(figure, GetParam().text);
  ASSERT_TRUE(value.ok()) << GetParam().text << ": " << value.error().message;
  EXPECT_EQ(*value, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseFigureValueTest,
    ::testing::Values(ParseCase{"2", "7408", 740800}, ParseCase{"2", "7,408.5亩", 740850},
                      ParseCase{"2", "0.125", 13}, ParseCase{"", "1,013", 1013},
                      ParseCase{"", "215户", 215}, ParseCase{"", "2.5", 3},  // rounded half up
                      ParseCase{"1", "12.3公里", 123}, ParseCase{"1", "８．５", 85}));

TEST(ParseFigureValueTest, ErrorsNameTheFigure) {
  const DictionaryItem figure = Figure("arable_land", "耕地面积", "2");
  const auto not_number = ParseFigureValue(figure, "很多");
  ASSERT_FALSE(not_number.ok());
  EXPECT_EQ(not_number.error().code, "not_a_number");
  EXPECT_THAT(not_number.error().message, StartsWith("耕地面积："));
  EXPECT_THAT(not_number.error().message, HasSubstr("很多"));

  const auto negative = ParseFigureValue(figure, "-3");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, "negative");
  EXPECT_THAT(negative.error().message, StartsWith("耕地面积："));

  const auto large = ParseFigureValue(figure, "99999999999999999999");
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().code, "too_large");
}

TEST(FormatFigureValueTest, UsesTheFiguresScale) {
  EXPECT_EQ(FormatFigureValue(Figure("arable_land", "耕地面积", "2"), 740800), "7408.00");
  EXPECT_EQ(FormatFigureValue(Figure("arable_land", "耕地面积", "2"), 740850), "7408.50");
  EXPECT_EQ(FormatFigureValue(Figure("households", "户数", ""), 215), "215");
  EXPECT_EQ(FormatFigureValue(Figure("distance", "距离", "1"), 5), "0.5");
}

TEST(FigureDictionaryTest, EveryShippedFigureHasAUsableScaleAndRoundTrips) {
  const Dictionary& figures = test_data::ProjectDictionaries().Get(dict::kFigure);
  ASSERT_FALSE(figures.items().empty());
  for (const DictionaryItem& figure : figures.items()) {
    const int scale = FigureScale(figure);
    EXPECT_GE(scale, 0) << figure.code;
    EXPECT_LE(scale, 2) << figure.code;
    EXPECT_FALSE(figure.Attribute("unit").empty()) << figure.code;
    for (const std::int64_t value : {INT64_C(0), INT64_C(7), INT64_C(740850)}) {
      const auto parsed = ParseFigureValue(figure, FormatFigureValue(figure, value));
      ASSERT_TRUE(parsed.ok()) << figure.code;
      EXPECT_EQ(*parsed, value) << figure.code;
    }
  }
  EXPECT_EQ(FigureScale(*figures.FindCode("arable_land")), 2);
  EXPECT_EQ(FigureScale(*figures.FindCode("households")), 0);
  EXPECT_EQ(FigureScale(*figures.FindCode("annual_temperature")), 1);
  // A value typed with the figure's unit.
  EXPECT_EQ(*ParseFigureValue(*figures.FindCode("arable_land"), "7,408.5亩"), 740850);
}

}  // namespace
}  // namespace shuanglian::core
