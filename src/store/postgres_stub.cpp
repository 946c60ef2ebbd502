#include "store/database.h"

namespace shuanglian::store {

std::unique_ptr<Database> OpenPostgres(const std::string& url) {
  (void)url;
  throw StoreError(StoreError::Kind::kConnection, "PostgreSQL 后端尚未启用");
}

}  // namespace shuanglian::store
