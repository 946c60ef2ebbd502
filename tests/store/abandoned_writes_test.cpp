// AbandonedWrites: a bulk writer dropped unfinished spoils its transaction, unless the savepoint
// it was dropped in is rolled back; released savepoints hand it to their parent.
#include "store/abandoned_writes.h"

#include <gtest/gtest.h>

namespace shuanglian::testing {
namespace {

TEST(AbandonedWritesTest, ADropAtTheTopStaysUntilTheTransactionEnds) {
  store::AbandonedWrites marks;
  EXPECT_FALSE(marks.any());
  marks.WriterAbandoned();
  marks.SavepointOpened();
  marks.SavepointRolledBack();  // a savepoint opened after the drop undoes nothing of it
  marks.SavepointReleased();
  EXPECT_TRUE(marks.any());
  marks.Reset();
  EXPECT_FALSE(marks.any());
}

TEST(AbandonedWritesTest, ARolledBackSavepointUndoesTheDropsInsideIt) {
  store::AbandonedWrites marks;
  marks.SavepointOpened();
  marks.SavepointOpened();
  marks.WriterAbandoned();  // two savepoints deep
  marks.SavepointRolledBack();
  EXPECT_FALSE(marks.any());
  marks.SavepointReleased();
  marks.WriterAbandoned();  // one deep
  marks.SavepointRolledBack();
  EXPECT_FALSE(marks.any());
  marks.SavepointReleased();
  EXPECT_FALSE(marks.any());
}

TEST(AbandonedWritesTest, AReleasedSavepointHandsItsDropToTheOneAround) {
  store::AbandonedWrites marks;
  marks.SavepointOpened();
  marks.SavepointOpened();
  marks.WriterAbandoned();
  marks.SavepointReleased();  // now the outer savepoint's
  EXPECT_TRUE(marks.any());
  marks.SavepointRolledBack();  // the outer one rolled back: undone
  EXPECT_FALSE(marks.any());

  marks.Reset();
  marks.SavepointOpened();
  marks.WriterAbandoned();
  marks.SavepointReleased();  // now the transaction's own
  marks.SavepointOpened();
  marks.SavepointRolledBack();
  marks.SavepointReleased();
  EXPECT_TRUE(marks.any());
}

TEST(AbandonedWritesTest, TheOutermostDropCountsWhenThereAreSeveral) {
  store::AbandonedWrites marks;
  marks.SavepointOpened();
  marks.WriterAbandoned();  // one deep
  marks.SavepointOpened();
  marks.WriterAbandoned();      // two deep
  marks.SavepointRolledBack();  // undoes the inner drop only
  EXPECT_TRUE(marks.any());
  marks.SavepointReleased();
  marks.SavepointRolledBack();  // and the outer
  EXPECT_FALSE(marks.any());
}

}  // namespace
}  // namespace shuanglian::testing
