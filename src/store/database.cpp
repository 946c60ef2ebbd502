#include "store/database.h"

namespace shuanglian::store {

void RefuseWholeFile(const Database& database) {
  throw StoreError(StoreError::Kind::kOther,
                   "只有 SQLite 数据库文件可以整个复制或替换，" + database.Describe() + " 不行");
}

}  // namespace shuanglian::store
