#include "core/record_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/project_dictionaries.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

// A small table of fields of every kind the reader knows.
enum TestField : int {
  kCode,
  kNote,
  kCause,
  kCauses,
  kCount,
  kAmount,
  kFlag,
  kId,
  kDay,
  kTel,
  kWho
};

std::span<const FieldSpec> TestFields() {
  static const std::vector<FieldSpec> kFields = {
      {kCode, "编号", "code", {}, true, "", ""},
      {kNote, "备注", "note", {}, false, "", ""},
      {kCause, "致贫原因", "cause", {}, false, "poverty_cause", ""},
      {kCauses, "其他原因", "causes", {}, false, "poverty_cause", ""},
      {kCount, "人数", "count", {}, false, "", ""},
      {kAmount, "金额", "amount", {}, false, "", ""},
      {kFlag, "是否", "flag", {}, false, "yes_no", ""},
      {kId, "证件", "id", {}, false, "", ""},
      {kDay, "日期", "day", {}, false, "", ""},
      {kTel, "电话", "tel", {}, false, "", ""},
      {kWho, "姓名", "who", {}, true, "", ""},
  };
  return kFields;
}

class RecordReaderTest : public ::testing::Test {
 protected:
  RecordReader Reader(std::vector<RawField> cells) {
    raw_ = std::move(cells);
    raw_.resize(TestFields().size());
    errors_.clear();
    return RecordReader(raw_, TestFields(), context_, errors_);
  }

  ValidationContext context_{test_data::ProjectDictionaries(), Date{2024, 6, 1}};
  RawRecord raw_;
  std::vector<FieldError> errors_;
};

TEST_F(RecordReaderTest, TextIsCleanedAndMarkersAreEmpty) {
  RecordReader reader = Reader({{"  Ａ１　"}, {"无"}});
  EXPECT_EQ(reader.Text(kCode), "A1");
  EXPECT_EQ(reader.Text(kNote), "");
  EXPECT_EQ(reader.Text(kNote, true), "无");
  EXPECT_TRUE(reader.IsEmpty(kNote));
  EXPECT_FALSE(reader.IsEmpty(kCode));
  EXPECT_TRUE(reader.IsEmpty(kWho));
  EXPECT_EQ(reader.Raw(kCode).text, "  Ａ１　");  // Raw keeps the cell as it came
}

// The reader keeps a normalised copy only of cells with width forms and views the rest: each
// field still reads as its own cell, wherever the width forms are.
TEST_F(RecordReaderTest, CellsWithAndWithoutWidthFormsEachReadTheirOwn) {
  RecordReader reader =
      Reader({{" A1 "}, {"备注　"}, {"　缺地"}, {"x"}, {"１２"}, {""}, {"ＹＥＳ"}});
  EXPECT_EQ(reader.Text(kCode), "A1");
  EXPECT_EQ(reader.Text(kNote), "备注");
  EXPECT_EQ(reader.TextView(kCause), "缺地");
  EXPECT_EQ(reader.Text(kCauses), "x");
  EXPECT_EQ(reader.TextView(kCount), "12");
  EXPECT_EQ(reader.TextView(kAmount), "");
  EXPECT_EQ(reader.Text(kFlag), "YES");
  EXPECT_EQ(reader.DictionaryCode(kCause), "lack_land");
  EXPECT_EQ(reader.Whole(kCount, 0, 20), 12);
  EXPECT_EQ(reader.YesNo(kFlag), std::optional<bool>(true));
}

TEST_F(RecordReaderTest, FieldsPastTheEndOfAShortRecordAreEmpty) {
  RawRecord short_row = {{"x"}};
  std::vector<FieldError> errors;
  RecordReader reader(short_row, TestFields(), context_, errors);
  EXPECT_EQ(reader.Text(kWho), "");
  EXPECT_EQ(reader.RequiredText(kWho, 10), "");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "required");
  EXPECT_EQ(errors[0].column, "姓名");
}

TEST_F(RecordReaderTest, RequiredAndOptionalText) {
  RecordReader reader = Reader({{""}, {""}});
  EXPECT_EQ(reader.RequiredText(kCode, 10), "");
  EXPECT_EQ(reader.OptionalText(kNote, 10), "");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "required");
  EXPECT_EQ(errors_[0].message, "编号不能为空");
  EXPECT_TRUE(reader.HasError(kCode));
  EXPECT_FALSE(reader.HasError(kNote));
}

TEST_F(RecordReaderTest, LengthCountsCharactersNotBytes) {
  RecordReader reader = Reader({{"甘肃省"}, {"甘肃省兰"}});
  EXPECT_EQ(reader.OptionalText(kCode, 3), "甘肃省");
  EXPECT_EQ(reader.OptionalText(kNote, 3), "");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "too_long");
  EXPECT_EQ(errors_[0].message, "备注过长（最多3个字）");
}

TEST_F(RecordReaderTest, ControlCharactersAreRefused) {
  RecordReader reader = Reader({{"a\x07"
                                 "b"},
                                {"a\nb"}});
  EXPECT_EQ(reader.OptionalText(kCode, 10), "");
  EXPECT_EQ(reader.OptionalText(kNote, 10), "");
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_[0].code, "control_character");
  EXPECT_EQ(errors_[1].code, "control_character");
}

TEST_F(RecordReaderTest, DictionaryCodeAndCodes) {
  RecordReader reader = Reader({{"x"}, {""}, {"缺地"}, {"因病;因病、缺水"}});
  EXPECT_EQ(reader.DictionaryCode(kCause), "lack_land");
  EXPECT_EQ(reader.DictionaryCodes(kCauses), (std::vector<std::string>{"illness", "lack_water"}));
  EXPECT_TRUE(errors_.empty());
}

TEST_F(RecordReaderTest, DictionaryCodesStopsAtTheFirstUnknownPart) {
  RecordReader reader = Reader({{"x"}, {""}, {""}, {"因病、甲、乙"}});
  EXPECT_TRUE(reader.DictionaryCodes(kCauses).empty());
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "not_in_dictionary");
  EXPECT_THAT(errors_[0].message, HasSubstr("其他原因“甲”不是允许的值"));
}

TEST_F(RecordReaderTest, NumbersCarryTheColumnNameInTheirMessages) {
  RecordReader reader = Reader({{"x"}, {""}, {""}, {""}, {"99"}, {"-1"}});
  EXPECT_EQ(reader.Whole(kCount, 0, 10), std::nullopt);
  EXPECT_EQ(reader.Scaled(kAmount, 2), std::nullopt);
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_[0].code, "out_of_range");
  EXPECT_EQ(errors_[0].message, "人数“99”超出范围 0～10");
  EXPECT_EQ(errors_[1].code, "negative");
  EXPECT_EQ(errors_[1].column, "金额");
}

TEST_F(RecordReaderTest, YesNo) {
  RecordReader reader = Reader({{"x"}, {""}, {""}, {""}, {""}, {""}, {"TRUE"}});
  EXPECT_EQ(reader.YesNo(kFlag), true);
  RecordReader other = Reader({{"x"}, {""}, {""}, {""}, {""}, {""}, {"×"}});
  EXPECT_EQ(other.YesNo(kFlag), false);
  EXPECT_TRUE(errors_.empty());
}

TEST_F(RecordReaderTest, IdInANumberCellIsRefusedEvenWhenItLooksRight) {
  std::vector<RawField> cells(TestFields().size());
  cells[kCode].text = "x";
  cells[kId] = RawField{"620902198001010010", CellKind::kNumber};
  RecordReader reader = Reader(cells);
  EXPECT_EQ(reader.Id(kId), std::nullopt);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "id_excel_number");
  EXPECT_EQ(errors_[0].column, "证件");
}

TEST_F(RecordReaderTest, DateValueReadsSerialsOnlyFromNumberCells) {
  std::vector<RawField> cells(TestFields().size());
  cells[kCode].text = "x";
  cells[kDay] = RawField{"40974", CellKind::kNumber};
  EXPECT_EQ(Reader(cells).DateValue(kDay), (Date{2012, 3, 6}));
  cells[kDay] = RawField{"40974", CellKind::kText};
  EXPECT_EQ(Reader(cells).DateValue(kDay), std::nullopt);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "bad_date");
  cells[kDay] = RawField{"40974abc", CellKind::kNumber};
  EXPECT_EQ(Reader(cells).DateValue(kDay), std::nullopt);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "bad_date");
  cells[kDay] = RawField{"2024-06-02", CellKind::kDate};
  EXPECT_EQ(Reader(cells).DateValue(kDay), std::nullopt);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].code, "date_in_future");
}

TEST_F(RecordReaderTest, PhoneKeepsDigitsOfMobilesAndTheTextOfLandlines) {
  std::vector<RawField> cells(TestFields().size());
  cells[kTel].text = "(+86)13812345678";
  EXPECT_EQ(Reader(cells).Phone(kTel), "");
  EXPECT_EQ(errors_.size(), 1u);
  cells[kTel].text = "139 0931 0000";
  EXPECT_EQ(Reader(cells).Phone(kTel), "13909310000");
  cells[kTel].text = "0931-8888888";
  EXPECT_EQ(Reader(cells).Phone(kTel), "0931-8888888");
  EXPECT_TRUE(errors_.empty());
}

TEST_F(RecordReaderTest, PersonNameRefusesDigitsAndSymbols) {
  for (const char* bad : {"王1", "王@", "王#", "王?", "王*"}) {
    std::vector<RawField> cells(TestFields().size());
    cells[kWho].text = bad;
    EXPECT_EQ(Reader(cells).PersonName(kWho), "") << bad;
    ASSERT_EQ(errors_.size(), 1u) << bad;
    EXPECT_EQ(errors_[0].code, "bad_name") << bad;
  }
  std::vector<RawField> cells(TestFields().size());
  cells[kWho].text = "阿依古丽·买买提";
  EXPECT_EQ(Reader(cells).PersonName(kWho), "阿依古丽·买买提");
  EXPECT_TRUE(errors_.empty());
}

TEST_F(RecordReaderTest, FailRecordsTheColumnName) {
  RecordReader reader = Reader({});
  reader.Fail(kTel, "custom", "信息");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].column, "电话");
  EXPECT_EQ(errors_[0].code, "custom");
  EXPECT_EQ(errors_[0].message, "信息");
  EXPECT_TRUE(reader.HasError(kTel));
  EXPECT_FALSE(reader.HasError(kWho));
}

}  // namespace
}  // namespace shuanglian::core
