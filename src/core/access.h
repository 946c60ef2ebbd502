#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace shuanglian::core {

// Where a role's data scope starts (数据权限).
enum class ScopeKind { kAll, kRegion, kUnit, kHelper };

std::string_view ScopeKindName(ScopeKind kind);  // "all", "region", "unit", "helper"
bool ParseScopeKind(std::string_view name, ScopeKind& kind);

// A role as data/roles.csv defines it.
struct Role {
  std::string code;
  std::string label;
  ScopeKind scope = ScopeKind::kRegion;
  bool read_only = true;
  bool sees_personal_data = false;
  std::vector<std::string> permissions;  // patterns: "*", "registry:*", "registry:*:list"

  bool Allows(std::string_view permission) const;
};

// Does a pattern grant a permission ("module:entity:action")? "*" as a whole segment
// matches any one segment; a trailing "*" segment matches the rest.
bool PermissionMatches(std::string_view pattern, std::string_view permission);

// At least 8 characters, with letters and digits. Error code: weak_password.
Result<bool> CheckPasswordPolicy(std::string_view password);

// 138****5678; landlines keep their area code and last four digits.
std::string MaskPhone(std::string_view phone);
// 6228**********4607
std::string MaskBankAccount(std::string_view account);

}  // namespace shuanglian::core
