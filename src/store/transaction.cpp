#include "store/database.h"

namespace shuanglian::store {

Transaction::Transaction(Database& database) : database_(database) {
  database_.Begin();
}

Transaction::~Transaction() {
  if (active_) {
    try {
      database_.Rollback();
    } catch (const StoreError&) {
      // The connection is gone; the server has already discarded the transaction.
    }
  }
}

void Transaction::Commit() {
  database_.Commit();
  active_ = false;
}

ReadSnapshot::ReadSnapshot(Database& database) : database_(database) {
  database_.BeginReadSnapshot();
}

ReadSnapshot::~ReadSnapshot() {
  try {
    database_.Rollback();
  } catch (const StoreError&) {
    // The connection is gone, and the snapshot with it.
  }
}

Savepoint::Savepoint(Database& database) : database_(database) {
  database_.OpenSavepoint();
}

Savepoint::~Savepoint() {
  if (active_) {
    try {
      database_.RollbackToSavepoint();
      database_.ReleaseSavepoint();
    } catch (const StoreError&) {
      // The connection is gone; the whole transaction is lost with it.
    }
  }
}

void Savepoint::Release() {
  database_.ReleaseSavepoint();
  active_ = false;
}

}  // namespace shuanglian::store
