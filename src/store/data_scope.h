#pragma once

#include <cstdint>
#include <string>

namespace shuanglian::store {

// What the current user may see and change (数据权限). Built once per request or command
// from the user's role, and applied by the store to every query; handlers never filter by
// hand.
struct DataScope {
  enum class Kind {
    kAll,     // 系统管理员, and the command line run by the server's operator
    kRegion,  // 双联办 staff and leaders: a region and everything below it
    kUnit,    // a helping unit's administrator
    kHelper,  // a cadre: the households paired with them
    kNone,    // signed in but holding nothing yet
  };

  Kind kind = Kind::kNone;
  std::string region_code;
  std::int64_t unit_id = 0;
  std::int64_t helper_id = 0;
  bool can_write = false;
  bool sees_personal_data = false;

  // Every field above as text: a kept answer is keyed by the scope it was computed in.
  std::string Key() const {
    return std::to_string(static_cast<int>(kind)) + "|" + region_code + "|" +
           std::to_string(unit_id) + "|" + std::to_string(helper_id) + "|" +
           (can_write ? "w" : "r") + (sees_personal_data ? "p" : "m");
  }

  // The operator at the command line: everything, unmasked.
  static DataScope System() {
    DataScope scope;
    scope.kind = Kind::kAll;
    scope.can_write = true;
    scope.sees_personal_data = true;
    return scope;
  }
  static DataScope Region(std::string code, bool can_write, bool sees_personal_data) {
    DataScope scope;
    scope.kind = Kind::kRegion;
    scope.region_code = std::move(code);
    scope.can_write = can_write;
    scope.sees_personal_data = sees_personal_data;
    return scope;
  }
};

}  // namespace shuanglian::store
