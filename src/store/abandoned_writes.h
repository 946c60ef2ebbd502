#pragma once

namespace shuanglian::store {

// Whether a bulk writer was dropped unfinished (rows appended, Finish never called: an
// exception on its way up) in the open transaction, and inside which savepoint. Such a
// transaction may only roll back: its writer's rows cannot be told from the others (SQLite
// has stored some of them; PostgreSQL discarded the transaction with the COPY), so Commit
// refuses it (kTransactionGivenUp). Unless the savepoint the writer was dropped in is rolled
// back: that undoes its rows, and on PostgreSQL recovers the transaction. Each backend keeps
// one, reset when a transaction begins or rolls back.
class AbandonedWrites {
 public:
  void Reset() {
    depth_ = 0;
    shallowest_ = kNone;
  }
  void SavepointOpened() { ++depth_; }
  // ROLLBACK TO the innermost savepoint, which stays open: what was dropped since it opened
  // (at its depth or deeper) is undone.
  void SavepointRolledBack() {
    if (shallowest_ != kNone && shallowest_ >= depth_) {
      shallowest_ = kNone;
    }
  }
  // RELEASE of the innermost savepoint: what was dropped in it now belongs to its parent.
  void SavepointReleased() {
    if (shallowest_ == depth_) {
      --shallowest_;
    }
    --depth_;
  }
  void WriterAbandoned() {
    if (shallowest_ == kNone || depth_ < shallowest_) {
      shallowest_ = depth_;
    }
  }
  bool any() const { return shallowest_ != kNone; }

 private:
  static constexpr int kNone = -1;
  int depth_ = 0;           // savepoints open: 0 at the transaction's own level
  int shallowest_ = kNone;  // the outermost depth at which a writer was dropped unfinished
};

}  // namespace shuanglian::store
