#include "core/dictionary.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/project_dictionaries.h"

namespace shuanglian::core {
namespace {

using ::testing::HasSubstr;

DictionaryItem Item(std::string code, std::string label, std::vector<std::string> aliases = {},
                    std::map<std::string, std::string> attributes = {}) {
  DictionaryItem item;
  item.code = std::move(code);
  item.label = std::move(label);
  item.aliases = std::move(aliases);
  item.attributes = std::move(attributes);
  return item;
}

Dictionary Categories() {
  return Dictionary("household_category", "户属性",
                    {
                        Item("general", "一般农户", {"一般户", "非贫困户"}),
                        Item("poverty", "扶贫户", {"一般贫困户", "贫困户"}, {{"poor", "1"}}),
                        Item("subsistence", "低保户", {}, {{"poor", "true"}}),
                        Item("five_guarantee", "五保户", {"特困供养贫困户"}, {{"poor", "0"}}),
                    });
}

// ---------------------------------------------------------------------------------------------
// Find

struct FindCase {
  std::string text;
  std::string expected_code;  // empty: not found
};

class DictionaryFindTest : public ::testing::TestWithParam<FindCase> {};

TEST_P(DictionaryFindTest, FindsByCodeLabelOrAlias) {
  const Dictionary dictionary = Categories();
  const DictionaryItem* item = dictionary.Find(GetParam().text);
  if (GetParam().expected_code.empty()) {
    EXPECT_EQ(item, nullptr) << GetParam().text << " found " << item->code;
  } else {
    ASSERT_NE(item, nullptr) << GetParam().text;
    EXPECT_EQ(item->code, GetParam().expected_code) << GetParam().text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, DictionaryFindTest,
    ::testing::Values(FindCase{"poverty", "poverty"},     // code
                      FindCase{"扶贫户", "poverty"},      // label
                      FindCase{"一般贫困户", "poverty"},  // alias
                      FindCase{"贫困户", "poverty"},      // second alias
                      FindCase{"特困供养贫困户", "five_guarantee"},
                      FindCase{"POVERTY", "poverty"},  // case
                      FindCase{"Five_Guarantee", "five_guarantee"},
                      FindCase{"ｐｏｖｅｒｔｙ", "poverty"},  // full width
                      FindCase{"ＰＯＶＥＲＴＹ", "poverty"},  // full width and case
                      FindCase{"  扶贫户 ", "poverty"},       // surrounding spaces
                      FindCase{"\xE3\x80\x80扶贫户\xE3\x80\x80", "poverty"},
                      FindCase{"\xC2\xA0低保户", "subsistence"}, FindCase{"富裕户", ""},
                      FindCase{"扶贫", ""},     // no prefix matching
                      FindCase{"扶 贫户", ""},  // inner space is kept
                      FindCase{"", ""}, FindCase{"   ", ""}));

// FindCleaned skips the cleaning a RecordReader has done: for cleaned text it finds what
// Find does, ignoring ASCII case.
TEST(DictionaryTest, FindCleanedAgreesWithFindOnCleanedText) {
  const Dictionary dictionary = Categories();
  for (const std::string text : {"一般农户", "贫困户", "POVERTY", "Five_Guarantee", "x", ""}) {
    EXPECT_EQ(dictionary.FindCleaned(text), dictionary.Find(text)) << text;
  }
  ASSERT_NE(dictionary.FindCleaned("SUBSISTENCE"), nullptr);
  EXPECT_EQ(dictionary.FindCleaned("SUBSISTENCE")->code, "subsistence");
  EXPECT_EQ(dictionary.Find(" ＰＯＶＥＲＴＹ　")->code, "poverty");  // Find cleans first
}

TEST(DictionaryTest, FindCodeIsExact) {
  const Dictionary dictionary = Categories();
  ASSERT_NE(dictionary.FindCode("poverty"), nullptr);
  EXPECT_EQ(dictionary.FindCode("poverty")->label, "扶贫户");
  EXPECT_EQ(dictionary.FindCode("扶贫户"), nullptr);  // a label is not a code
  EXPECT_EQ(dictionary.FindCode("POVERTY"), nullptr);
  EXPECT_EQ(dictionary.FindCode(" poverty"), nullptr);
  EXPECT_EQ(dictionary.FindCode("missing"), nullptr);
}

TEST(DictionaryTest, LabelOfKnownAndUnknownCodes) {
  const Dictionary dictionary = Categories();
  EXPECT_EQ(dictionary.Label("subsistence"), "低保户");
  EXPECT_EQ(dictionary.Label("five_guarantee"), "五保户");
  EXPECT_EQ(dictionary.Label("retired_code"), "retired_code");  // unknown: the code itself
  EXPECT_EQ(dictionary.Label(""), "");
}

TEST(DictionaryTest, KeepsNameTitleAndItemOrder) {
  const Dictionary dictionary = Categories();
  EXPECT_EQ(dictionary.name(), "household_category");
  EXPECT_EQ(dictionary.title(), "户属性");
  ASSERT_EQ(dictionary.items().size(), 4u);
  EXPECT_EQ(dictionary.items()[0].code, "general");
  EXPECT_EQ(dictionary.items()[3].code, "five_guarantee");
}

TEST(DictionaryTest, DefaultConstructedFindsNothing) {
  const Dictionary dictionary;
  EXPECT_EQ(dictionary.Find("x"), nullptr);
  EXPECT_EQ(dictionary.FindCode("x"), nullptr);
  EXPECT_EQ(dictionary.AllowedLabels(), "");
}

// ---------------------------------------------------------------------------------------------
// First spelling wins

TEST(DictionaryTest, FirstItemWinsASharedAlias) {
  const Dictionary dictionary(
      "relation", "与户主关系",
      {Item("father", "之父", {"父", "老人"}), Item("mother", "之母", {"母", "老人"})});
  ASSERT_NE(dictionary.Find("老人"), nullptr);
  EXPECT_EQ(dictionary.Find("老人")->code, "father");
  EXPECT_EQ(dictionary.Find("母")->code, "mother");
}

TEST(DictionaryTest, FirstItemWinsADuplicateCode) {
  const Dictionary dictionary("d", "d", {Item("a", "甲"), Item("a", "乙")});
  EXPECT_EQ(dictionary.FindCode("a")->label, "甲");
  EXPECT_EQ(dictionary.Label("a"), "甲");
  EXPECT_EQ(dictionary.Find("乙")->label, "乙");  // still found by its own label
}

TEST(DictionaryTest, ALabelIsNeverShadowedByAnEarlierItemsAlias) {
  // 之子's alias "子女" was added before an item whose label is 子女: the label must win.
  const Dictionary dictionary("relation", "与户主关系",
                              {Item("son", "之子", {"子女", "儿子"}), Item("child", "子女")});
  ASSERT_NE(dictionary.Find("子女"), nullptr);
  EXPECT_EQ(dictionary.Find("子女")->code, "child");
  EXPECT_EQ(dictionary.Find("儿子")->code, "son");
}

TEST(DictionaryTest, ACodeIsNeverShadowedByAnEarlierItemsAlias) {
  const Dictionary dictionary("yes_no", "是否",
                              {Item("yes", "是", {"y", "no_doubt"}), Item("no_doubt", "确定")});
  EXPECT_EQ(dictionary.Find("no_doubt")->code, "no_doubt");
}

// ---------------------------------------------------------------------------------------------
// AllowedLabels

TEST(DictionaryTest, AllowedLabelsListsInOrder) {
  EXPECT_EQ(Categories().AllowedLabels(), "一般农户、扶贫户、低保户、五保户");
  EXPECT_EQ(Categories().AllowedLabels(4), "一般农户、扶贫户、低保户、五保户");  // exactly most
}

TEST(DictionaryTest, AllowedLabelsTruncates) {
  EXPECT_EQ(Categories().AllowedLabels(2), "一般农户、扶贫户 等");
  EXPECT_EQ(Categories().AllowedLabels(3), "一般农户、扶贫户、低保户 等");
  EXPECT_EQ(Categories().AllowedLabels(0), " 等");
}

TEST(DictionaryTest, AllowedLabelsDefaultsToTwelve) {
  std::vector<DictionaryItem> items;
  std::string expected;
  for (int index = 1; index <= 13; ++index) {
    items.push_back(Item("c" + std::to_string(index), "L" + std::to_string(index)));
    if (index <= 12) {
      expected += (index > 1 ? "、" : "") + std::string("L") + std::to_string(index);
    }
  }
  const Dictionary dictionary("d", "d", std::move(items));
  EXPECT_EQ(dictionary.AllowedLabels(), expected + " 等");
}

// ---------------------------------------------------------------------------------------------
// DictionaryItem attributes

TEST(DictionaryItemTest, FlagsAndAttributes) {
  const Dictionary dictionary = Categories();
  EXPECT_TRUE(dictionary.FindCode("poverty")->HasFlag("poor"));          // "1"
  EXPECT_TRUE(dictionary.FindCode("subsistence")->HasFlag("poor"));      // "true"
  EXPECT_FALSE(dictionary.FindCode("five_guarantee")->HasFlag("poor"));  // "0"
  EXPECT_FALSE(dictionary.FindCode("general")->HasFlag("poor"));         // absent
  EXPECT_FALSE(dictionary.FindCode("poverty")->HasFlag("labour"));
  EXPECT_EQ(dictionary.FindCode("poverty")->Attribute("poor"), "1");
  EXPECT_EQ(dictionary.FindCode("five_guarantee")->Attribute("poor"), "0");
  EXPECT_EQ(dictionary.FindCode("general")->Attribute("poor"), "");
}

// ---------------------------------------------------------------------------------------------
// DictionarySet

TEST(DictionarySetTest, AddHasGet) {
  DictionarySet set;
  EXPECT_FALSE(set.Has("household_category"));
  set.Add(Categories());
  EXPECT_TRUE(set.Has("household_category"));
  EXPECT_FALSE(set.Has("sex"));
  EXPECT_EQ(set.Get("household_category").title(), "户属性");
  EXPECT_EQ(set.Get("household_category").Find("贫困户")->code, "poverty");
}

TEST(DictionarySetTest, GetThrowsForAMissingDictionary) {
  DictionarySet set;
  set.Add(Categories());
  EXPECT_THROW(set.Get("sex"), std::runtime_error);
  try {
    set.Get("no_such_dictionary");
    FAIL() << "Get did not throw";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), HasSubstr("no_such_dictionary"));
  }
}

TEST(DictionarySetTest, AddingTheSameNameReplaces) {
  DictionarySet set;
  set.Add(Categories());
  set.Add(Dictionary("household_category", "新户属性", {Item("x", "某户")}));
  EXPECT_EQ(set.all().size(), 1u);
  EXPECT_EQ(set.Get("household_category").title(), "新户属性");
  EXPECT_EQ(set.Get("household_category").Find("扶贫户"), nullptr);
}

TEST(DictionarySetTest, AllIsSortedByName) {
  DictionarySet set;
  set.Add(Dictionary("sex", "性别", {}));
  set.Add(Dictionary("assistance_type", "对象类型", {}));
  set.Add(Dictionary("relation", "与户主关系", {}));
  std::vector<std::string> names;
  for (const Dictionary& dictionary : set.all()) {
    names.push_back(dictionary.name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"assistance_type", "relation", "sex"}));
  // Each name still finds its own, after the ones added later moved the others along.
  for (const std::string& name : names) {
    EXPECT_EQ(set.Get(name).name(), name);
  }
}

// ---------------------------------------------------------------------------------------------
// The project's own data files

TEST(ProjectDictionariesTest, EveryDictionaryTheProgramNamesIsPresent) {
  const DictionarySet& set = test_data::ProjectDictionaries();
  for (const std::string_view name :
       {dict::kHouseholdCategory, dict::kAssistanceType, dict::kIdentificationStandard,
        dict::kExitStatus, dict::kPovertyCause, dict::kRelation, dict::kSex, dict::kEthnicity,
        dict::kEducation, dict::kSchooling, dict::kHealth, dict::kLabourSkill, dict::kWorkLocation,
        dict::kYesNo, dict::kFigure, dict::kDifficulty}) {
    ASSERT_TRUE(set.Has(name)) << name;
    EXPECT_FALSE(set.Get(name).items().empty()) << name;
    EXPECT_FALSE(set.Get(name).title().empty()) << name;
  }
}

TEST(ProjectDictionariesTest, EverySpellingFindsItsOwnItem) {
  // No code, label or alias of the shipped data is shadowed by another item's spelling.
  for (const Dictionary& dictionary : test_data::ProjectDictionaries().all()) {
    const std::string& name = dictionary.name();
    for (const DictionaryItem& item : dictionary.items()) {
      ASSERT_NE(dictionary.Find(item.code), nullptr) << name << ":" << item.code;
      EXPECT_EQ(dictionary.Find(item.code)->code, item.code) << name;
      EXPECT_EQ(dictionary.Find(item.label)->code, item.code) << name << ":" << item.label;
      for (const std::string& alias : item.aliases) {
        ASSERT_NE(dictionary.Find(alias), nullptr) << name << ":" << alias;
        EXPECT_EQ(dictionary.Find(alias)->code, item.code) << name << ":" << alias;
      }
    }
  }
}

TEST(ProjectDictionariesTest, KnownValues) {
  const DictionarySet& set = test_data::ProjectDictionaries();
  EXPECT_EQ(set.Get(dict::kSex).Find("男")->code, "male");
  EXPECT_EQ(set.Get(dict::kSex).Find("F")->code, "female");
  EXPECT_EQ(set.Get(dict::kRelation).Find("户主")->code, "head");
  EXPECT_EQ(set.Get(dict::kRelation).Find("妻子")->code, "spouse");
  EXPECT_EQ(set.Get(dict::kExitStatus).Find("已脱贫（享受政策）")->code, "exited");
  EXPECT_EQ(set.Get(dict::kEthnicity).Find("汉")->code, "01");
  EXPECT_TRUE(set.Get(dict::kLabourSkill).FindCode("ordinary")->HasFlag("labour"));
  EXPECT_FALSE(set.Get(dict::kLabourSkill).FindCode("lost")->HasFlag("labour"));
  EXPECT_EQ(set.Get(dict::kFigure).FindCode("arable_land")->Attribute("scale"), "2");
}

}  // namespace
}  // namespace shuanglian::core
