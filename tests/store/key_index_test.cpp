// KeyIndex: the first load's stand-in for a unique index. It names candidate rows by hash, or
// exactly by a key kept whole; what it must never do is lose one, across any number of growths.
#include "store/key_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace shuanglian::store {
namespace {

std::string KeyOf(int number) {
  return "6201231990" + std::to_string(1000000 + number);
}

TEST(KeyIndexTest, EveryKeyAddedNamesItsRowAfterManyGrowths) {
  KeyIndex index;
  constexpr int kKeys = 200000;
  for (int number = 0; number < kKeys; ++number) {
    index.Add(KeyOf(number), number + 1);
  }
  EXPECT_EQ(index.size(), static_cast<std::size_t>(kKeys));
  for (int number = 0; number < kKeys; ++number) {
    const std::vector<std::int64_t> found = index.Candidates(KeyOf(number));
    ASSERT_NE(std::find(found.begin(), found.end(), number + 1), found.end()) << KeyOf(number);
  }
}

TEST(KeyIndexTest, RoomReservedKeepsTheKeysThereAndTakesTheRest) {
  KeyIndex index;
  for (int number = 0; number < 1000; ++number) {
    index.Add(KeyOf(number), number + 1);
  }
  index.Reserve(100000);
  index.Reserve(10);                                    // less than it holds: changes nothing
  for (int number = 1000; number < 120000; ++number) {  // past the room reserved: grows again
    index.Add(KeyOf(number), number + 1);
  }
  EXPECT_EQ(index.size(), 120000U);
  for (int number = 0; number < 120000; ++number) {
    const std::vector<std::int64_t> found = index.Candidates(KeyOf(number));
    ASSERT_NE(std::find(found.begin(), found.end(), number + 1), found.end()) << KeyOf(number);
  }
  KeyIndex reserved_empty;
  reserved_empty.Reserve(5);
  EXPECT_TRUE(reserved_empty.Candidates(KeyOf(1)).empty());
  reserved_empty.Add(KeyOf(1), 42);
  EXPECT_EQ(reserved_empty.Candidates(KeyOf(1)), std::vector<std::int64_t>{42});
}

TEST(KeyIndexTest, AKeyNeverAddedHasNoCandidatesAlmostAlways) {
  KeyIndex index;
  for (int number = 0; number < 50000; ++number) {
    index.Add(KeyOf(number), number + 1);
  }
  // Distinct 64-bit hashes: among 50,000 absent keys a false candidate is all but impossible,
  // and one would only cost the caller a look at the stored row.
  int candidates = 0;
  for (int number = 50000; number < 100000; ++number) {
    candidates += static_cast<int>(index.Candidates(KeyOf(number)).size());
  }
  EXPECT_EQ(candidates, 0);
  EXPECT_TRUE(KeyIndex().Candidates("620123199001011234").empty());
}

TEST(KeyIndexTest, TheSameKeyTwiceKeepsBothRows) {
  // The caller rejects repeats, but the index itself must not drop an entry that shares a
  // hash with another: both rows stay candidates.
  KeyIndex index;
  index.Add("62012319900101123X", 7);
  index.Add("62012319900101123X", 9);
  std::vector<std::int64_t> found = index.Candidates("62012319900101123X");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::int64_t>{7, 9}));
}

TEST(KeyIndexTest, KeysKeptWholeFindExactlyTheirRowEvenWhenTheyComeInARun) {
  // The digits of consecutive ID numbers: values one apart, as a village's people are. Each
  // must find its own row and nothing else; a neighbour's value is no candidate.
  KeyIndex index;
  constexpr std::uint64_t kFirst = 62012319900101000;
  for (std::uint64_t step = 0; step < 100000; step += 2) {
    index.Add(kFirst + step, static_cast<std::int64_t>(step));
  }
  for (std::uint64_t step = 0; step < 100000; step += 2) {
    ASSERT_EQ(index.Candidates(kFirst + step),
              std::vector<std::int64_t>{static_cast<std::int64_t>(step)});
    ASSERT_TRUE(index.Candidates(kFirst + step + 1).empty()) << step + 1;
  }
}

TEST(KeyIndexTest, ZeroIsNoKey) {
  // 0 marks an empty slot: taken as a key, it would vanish.
  KeyIndex index;
  EXPECT_THROW(index.Add(std::uint64_t{0}, 1), std::invalid_argument);
  EXPECT_EQ(index.size(), 0U);
}

}  // namespace
}  // namespace shuanglian::store
