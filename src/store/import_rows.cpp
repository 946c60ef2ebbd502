#include "store/import_rows.h"

#include "core/region_code.h"

namespace shuanglian::store {

std::vector<std::pair<std::string, Param>> ConstantColumns(const WriteContext& context) {
  return {{"import_job", context.import_job != 0 ? Param(context.import_job) : Param()},
          {"created_at", context.now},
          {"updated_at", context.now}};
}

bool CanWriteVillage(const DataScope& scope, const std::string& village_code) {
  if (!scope.can_write) {
    return false;
  }
  switch (scope.kind) {
    case DataScope::Kind::kAll:
      return true;
    case DataScope::Kind::kRegion:
      return core::IsWithin(village_code, scope.region_code);
    default:
      return false;
  }
}

}  // namespace shuanglian::store
