#include "api/accounts.h"

#include <boost/json.hpp>

#include "api/passwords.h"
#include "api/request.h"
#include "core/region_code.h"
#include "store/pairing_repository.h"
#include "store/region_repository.h"

namespace shuanglian::api {

namespace {

[[noreturn]] void FieldError(const std::string& field, const std::string& code,
                             const std::string& message) {
  throw ApiError(400, "validation_failed", message,
                 boost::json::array{
                     boost::json::object{{"field", field}, {"code", code}, {"message", message}}});
}

const core::Role* Find(const std::vector<core::Role>& roles, const std::string& code) {
  for (const core::Role& role : roles) {
    if (role.code == code) {
      return &role;
    }
  }
  return nullptr;
}

}  // namespace

void CheckAssignment(store::Database& database, const std::vector<core::Role>& roles,
                     store::User& user) {
  const core::Role* role = Find(roles, user.role);
  if (role == nullptr) {
    std::string known;
    for (const core::Role& candidate : roles) {
      known += (known.empty() ? "" : "、") + candidate.code;
    }
    FieldError("role", "unknown_role", "没有角色“" + user.role + "”（可用：" + known + "）");
  }
  if (role->scope == core::ScopeKind::kRegion) {
    if (user.region_code.empty() || !core::LevelOfCode(user.region_code) ||
        !store::RegionRepository(database).Get(user.region_code)) {
      FieldError("region_code", "unknown_region", "请为“" + role->label + "”指定存在的区划代码");
    }
  } else {
    user.region_code.clear();
  }
  if (role->scope == core::ScopeKind::kUnit && !user.unit_id) {
    FieldError("unit_id", "required", "请为“" + role->label + "”指定所属单位");
  }
  if (role->scope != core::ScopeKind::kUnit) {
    user.unit_id.reset();
  }
  if (role->scope == core::ScopeKind::kUnit &&
      !store::PairingRepository(database).UnitById(*user.unit_id, store::DataScope::System())) {
    FieldError("unit_id", "unknown_unit", "单位编号 " + std::to_string(*user.unit_id) + " 不存在");
  }
  if (role->scope == core::ScopeKind::kHelper && user.helper_id &&
      !store::PairingRepository(database).HelperById(*user.helper_id, store::DataScope::System())) {
    FieldError("helper_id", "unknown_helper",
               "帮扶人编号 " + std::to_string(*user.helper_id) + " 不存在");
  }
  if (role->scope != core::ScopeKind::kHelper) {
    user.helper_id.reset();
  }
}

CreatedAccount CreateAccount(store::Database& database, const std::vector<core::Role>& roles,
                             AccountInput input, const std::string& now) {
  const std::string& username = input.username;
  bool valid = username.size() >= 2 && username.size() <= 32;
  for (const char c : username) {
    valid = valid && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.' || c == '-');
  }
  if (!valid) {
    FieldError("username", "bad_username", "用户名应为2～32位字母、数字、下划线、点或连字符");
  }
  store::UserRepository users(database);
  const auto taken = [&] {
    return ApiError(
        409, "duplicate", "用户名“" + username + "”已存在",
        boost::json::array{boost::json::object{{"field", "username"}, {"code", "duplicate"}}});
  };
  if (users.ByName(username)) {
    throw taken();
  }
  store::User user;
  user.username = username;
  user.display_name = input.display_name.empty() ? username : input.display_name;
  user.role = input.role;
  user.region_code = input.region_code;
  user.unit_id = input.unit_id;
  user.helper_id = input.helper_id;
  CheckAssignment(database, roles, user);
  CreatedAccount created;
  std::string password = input.password;
  if (password.empty()) {
    password = GeneratePassword();
    created.generated_password = password;
  } else if (const auto policy = core::CheckPasswordPolicy(password); !policy) {
    FieldError("password", "weak_password", policy.error().message);
  }
  user.password_hash = HashPassword(password);
  // Checked above, yet another transaction may have created the name since (on PostgreSQL
  // nothing locks the absence of a row): the insert says so, and the answer is the same.
  const auto id = users.Create(user, now);
  if (!id) {
    throw taken();
  }
  user.id = *id;
  created.user = *users.ById(user.id);
  return created;
}

}  // namespace shuanglian::api
