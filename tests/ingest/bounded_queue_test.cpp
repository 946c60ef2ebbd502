// BoundedQueue: the hand-over between an import's reading thread and its writing thread, and
// back (spent chunks return to the reader without either side waiting).
#include "ingest/bounded_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace shuanglian::ingest {
namespace {

TEST(BoundedQueueTest, TryPushRefusesWhenFullAndKeepsTheItem) {
  BoundedQueue<std::string> queue(1);
  std::string first = "first";
  std::string second = "second";
  EXPECT_TRUE(queue.TryPush(first));
  EXPECT_FALSE(queue.TryPush(second));
  EXPECT_EQ(second, "second");  // still the caller's
  EXPECT_EQ(queue.TryPop(), "first");
  EXPECT_EQ(queue.TryPop(), std::nullopt);
  EXPECT_TRUE(queue.TryPush(second));
  EXPECT_EQ(queue.Pop(), "second");
}

TEST(BoundedQueueTest, TryPushRefusesOnceClosedAndPopDrainsFirst) {
  BoundedQueue<int> queue(2);
  int one = 1;
  ASSERT_TRUE(queue.TryPush(one));
  queue.Close();
  int two = 2;
  EXPECT_FALSE(queue.TryPush(two));
  EXPECT_EQ(queue.Pop(), 1);
  EXPECT_EQ(queue.Pop(), std::nullopt);
}

TEST(BoundedQueueTest, ATryPopMakesRoomForABlockedPush) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.Push(1));
  std::thread pusher([&] { EXPECT_TRUE(queue.Push(2)); });
  // The pusher waits for room; each TryPop that finds an item makes some.
  int seen = 0;
  while (seen < 2) {
    if (const auto item = queue.TryPop()) {
      EXPECT_EQ(*item, seen + 1);
      ++seen;
    } else {
      std::this_thread::yield();
    }
  }
  pusher.join();
}

}  // namespace
}  // namespace shuanglian::ingest
