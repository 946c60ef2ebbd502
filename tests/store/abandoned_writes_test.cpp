// AbandonedWrites: a bulk writer dropped unfinished spoils its transaction, unless the savepoint
// it was dropped in is rolled back; released savepoints hand it to their parent.
#include "store/abandoned_writes.h"

#include <gtest/gtest.h>

namespace shuanglian::testing {
namespace {

// A writer that appends a row where the marks stand, then is dropped there unfinished.
void DropAWriter(store::AbandonedWrites& marks) {
  store::UnfinishedRows rows;
  rows.Appended(marks);
  rows.Dropped(marks);
}

TEST(AbandonedWritesTest, ADropAtTheTopStaysUntilTheTransactionEnds) {
  store::AbandonedWrites marks;
  EXPECT_FALSE(marks.any());
  DropAWriter(marks);
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
  DropAWriter(marks);  // two savepoints deep
  marks.SavepointRolledBack();
  EXPECT_FALSE(marks.any());
  marks.SavepointReleased();
  DropAWriter(marks);  // one deep
  marks.SavepointRolledBack();
  EXPECT_FALSE(marks.any());
  marks.SavepointReleased();
  EXPECT_FALSE(marks.any());
}

TEST(AbandonedWritesTest, AReleasedSavepointHandsItsDropToTheOneAround) {
  store::AbandonedWrites marks;
  marks.SavepointOpened();
  marks.SavepointOpened();
  DropAWriter(marks);
  marks.SavepointReleased();  // now the outer savepoint's
  EXPECT_TRUE(marks.any());
  marks.SavepointRolledBack();  // the outer one rolled back: undone
  EXPECT_FALSE(marks.any());

  marks.Reset();
  marks.SavepointOpened();
  DropAWriter(marks);
  marks.SavepointReleased();  // now the transaction's own
  marks.SavepointOpened();
  marks.SavepointRolledBack();
  marks.SavepointReleased();
  EXPECT_TRUE(marks.any());
}

TEST(AbandonedWritesTest, TheOutermostDropCountsWhenThereAreSeveral) {
  store::AbandonedWrites marks;
  marks.SavepointOpened();
  DropAWriter(marks);  // one deep
  marks.SavepointOpened();
  DropAWriter(marks);           // two deep
  marks.SavepointRolledBack();  // undoes the inner drop only
  EXPECT_TRUE(marks.any());
  marks.SavepointReleased();
  marks.SavepointRolledBack();  // and the outer
  EXPECT_FALSE(marks.any());
}

// The rows say which rollback takes them away, not where the writer object is destroyed: rows
// appended at the transaction's level stay when the writer is dropped inside a savepoint that
// is then rolled back.
TEST(AbandonedWritesTest, RowsWrittenOutsideASavepointOutliveItsRollback) {
  store::AbandonedWrites marks;
  store::UnfinishedRows rows;
  rows.Appended(marks);  // at the top
  marks.SavepointOpened();
  rows.Appended(marks);  // and inside
  rows.Dropped(marks);
  marks.SavepointRolledBack();
  marks.SavepointReleased();
  EXPECT_TRUE(marks.any());

  marks.Reset();
  store::UnfinishedRows finished;
  finished.Appended(marks);
  finished.Finished();
  finished.Dropped(marks);  // finished: nothing unfinished to say
  EXPECT_FALSE(marks.any());
}

}  // namespace
}  // namespace shuanglian::testing
