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
    if (depth_ == 0) {
      return;  // no savepoint open: the server refuses the RELEASE before this is reached
    }
    if (shallowest_ == depth_) {
      --shallowest_;
    }
    --depth_;
  }
  // A writer dropped unfinished, whose rows since its last Finish were appended from savepoint
  // depth `appended_at` on (depth() when it appended): the rows, not the place the writer
  // object happens to be destroyed, say which rollback takes them away.
  void WriterAbandoned(int appended_at) {
    const int at = appended_at < depth_ ? appended_at : depth_;
    if (shallowest_ == kNone || at < shallowest_) {
      shallowest_ = at;
    }
  }
  int depth() const { return depth_; }
  bool any() const { return shallowest_ != kNone; }

 private:
  static constexpr int kNone = -1;
  int depth_ = 0;           // savepoints open: 0 at the transaction's own level
  int shallowest_ = kNone;  // the outermost depth at which a writer was dropped unfinished
};

// What a bulk writer keeps of its rows since its last Finish: the outermost savepoint depth
// it appended them at, told to its AbandonedWrites if it is dropped unfinished.
class UnfinishedRows {
 public:
  void Appended(const AbandonedWrites& marks) {
    if (at_ == kNone || marks.depth() < at_) {
      at_ = marks.depth();
    }
  }
  void Finished() { at_ = kNone; }
  // The writer is dropped inside a transaction.
  void Dropped(AbandonedWrites& marks) const {
    if (at_ != kNone) {
      marks.WriterAbandoned(at_);
    }
  }

 private:
  static constexpr int kNone = -1;
  int at_ = kNone;
};

}  // namespace shuanglian::store
