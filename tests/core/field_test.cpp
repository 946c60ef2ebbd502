#include "core/field.h"

#include <gtest/gtest.h>

#include <string>

namespace shuanglian::core {
namespace {

struct MarkerCase {
  std::string text;
  bool empty;
};

class IsEmptyMarkerTest : public ::testing::TestWithParam<MarkerCase> {};

TEST_P(IsEmptyMarkerTest, Classifies) {
  EXPECT_EQ(IsEmptyMarker(GetParam().text), GetParam().empty) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsEmptyMarkerTest,
    ::testing::Values(MarkerCase{"", true}, MarkerCase{"无", true}, MarkerCase{"/", true},
                      MarkerCase{"-", true}, MarkerCase{"—", true}, MarkerCase{"--", true},
                      MarkerCase{"暂无", true}, MarkerCase{"空", true},
                      // Real values, and markers with something more, are not empty.
                      MarkerCase{"0", false}, MarkerCase{"否", false},
                      MarkerCase{"无劳动力", false},
                      MarkerCase{"无 ", false},  // the caller cleans the cell first
                      MarkerCase{" ", false}, MarkerCase{"---", false}, MarkerCase{"//", false},
                      MarkerCase{"N/A", false}, MarkerCase{"null", false}, MarkerCase{"-1", false},
                      MarkerCase{"——", false}));

struct ScientificCase {
  std::string text;
  bool scientific;
};

class LooksLikeExcelScientificTest : public ::testing::TestWithParam<ScientificCase> {};

TEST_P(LooksLikeExcelScientificTest, Classifies) {
  EXPECT_EQ(LooksLikeExcelScientific(GetParam().text), GetParam().scientific) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, LooksLikeExcelScientificTest,
    ::testing::Values(
        // What Excel makes of long numbers.
        ScientificCase{"6.20902E+17", true}, ScientificCase{"6.2E+14", true},
        ScientificCase{"6.20902e+17", true}, ScientificCase{"1.38123E+10", true},
        ScientificCase{"6.22848E+18", true}, ScientificCase{"1E5", true},
        ScientificCase{"1.5E-3", true}, ScientificCase{"62E17", true},
        // Ordinary values.
        ScientificCase{"", false}, ScientificCase{"620902198001010000", false},
        ScientificCase{"34052419800101001X", false}, ScientificCase{"3.14", false},
        ScientificCase{"abc", false}, ScientificCase{"QH2012001", false},
        ScientificCase{"E+17", false},                               // no mantissa
        ScientificCase{"E5", false}, ScientificCase{"6.2E", false},  // no exponent
        ScientificCase{"6.2E+", false},  // a sign but no exponent digits
        ScientificCase{"6.2E-", false}, ScientificCase{"1E+", false},
        ScientificCase{"6.2E+1+7", false}, ScientificCase{"6.2E1E7", false},
        ScientificCase{"6,2E+17", false}, ScientificCase{"-6.2E+17", false},
        ScientificCase{"6.2F+17", false}, ScientificCase{"6.2 E+17", false},
        ScientificCase{"620123E", false}, ScientificCase{"6.2E+17元", false}));

TEST(ExcelHintTest, TellsToUseATextColumn) {
  EXPECT_NE(kExcelTextColumnHint.find("文本"), std::string::npos);
  EXPECT_NE(kExcelTextColumnHint.find("Excel"), std::string::npos);
}

}  // namespace
}  // namespace shuanglian::core
