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

Savepoint::Savepoint(Database& database) : database_(database) {
  database_.Execute("SAVEPOINT line");
}

Savepoint::~Savepoint() {
  if (active_) {
    try {
      database_.Execute("ROLLBACK TO SAVEPOINT line");
      database_.Execute("RELEASE SAVEPOINT line");
    } catch (const StoreError&) {
      // The connection is gone; the whole transaction is lost with it.
    }
  }
}

void Savepoint::Release() {
  database_.Execute("RELEASE SAVEPOINT line");
  active_ = false;
}

}  // namespace shuanglian::store
