#include "core/text_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shuanglian::core {
namespace {

TEST(TextIndexTest, FindsWhatWasAddedAndNothingElse) {
  TextIndex index;
  EXPECT_FALSE(index.Find("汉族"));  // empty: no slots yet
  EXPECT_TRUE(index.Add("汉族", 7));
  EXPECT_TRUE(index.Add("", 3));
  EXPECT_EQ(index.Find("汉族"), 7u);
  EXPECT_EQ(index.Find(""), 3u);
  EXPECT_FALSE(index.Find("汉"));
  EXPECT_FALSE(index.Find("汉族 "));
  EXPECT_EQ(index.size(), 2u);
}

TEST(TextIndexTest, TheFirstNumberGivenForATextStays) {
  TextIndex index;
  EXPECT_TRUE(index.Add("male", 1));
  EXPECT_FALSE(index.Add("male", 2));
  EXPECT_EQ(index.Find("male"), 1u);
  EXPECT_EQ(index.size(), 1u);
}

TEST(TextIndexTest, ManyTextsOfEveryLengthThroughSeveralGrowths) {
  // Lengths 0 to 40 cover a tail shorter than a word, whole words and several words; texts
  // that differ only in their last byte, or only in their first, must not find each other.
  TextIndex index;
  std::vector<std::string> texts;
  for (std::size_t length = 0; length <= 40; ++length) {
    for (char last = 'a'; last <= 'e'; ++last) {
      std::string text(length, 'x');
      text.push_back(last);
      texts.push_back(text);
      texts.push_back(std::string(1, last) + std::string(length, 'x'));
    }
  }
  std::size_t added = 0;
  for (std::size_t number = 0; number < texts.size(); ++number) {
    added += index.Add(texts[number], number) ? 1 : 0;
  }
  // "a", "b"... come twice (length 0): the first number stays.
  EXPECT_EQ(added, texts.size() - 5);
  for (std::size_t number = 0; number < texts.size(); ++number) {
    const auto found = index.Find(texts[number]);
    ASSERT_TRUE(found) << texts[number];
    EXPECT_EQ(texts[*found], texts[number]);
  }
  EXPECT_FALSE(index.Find(std::string(41, 'x')));
  EXPECT_FALSE(index.Find("f"));
}

TEST(TextIndexTest, TheHashSeesEveryByteAndTheLength) {
  EXPECT_NE(TextIndex::Hash("小学"), TextIndex::Hash("初中"));
  EXPECT_NE(TextIndex::Hash(std::string_view("a\0", 2)), TextIndex::Hash("a"));
  EXPECT_NE(TextIndex::Hash("0123456789abcdef"), TextIndex::Hash("0123456789abcdeg"));
  EXPECT_NE(TextIndex::Hash("1123456789abcdef"), TextIndex::Hash("0123456789abcdef"));
}

}  // namespace
}  // namespace shuanglian::core
