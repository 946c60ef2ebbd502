#include "api/context.h"

#include <algorithm>

#include "api/background.h"
#include "store/audit_log.h"

namespace shuanglian::api {

const core::Role* ServerState::RoleByCode(const std::string& code) const {
  for (const core::Role& role : roles) {
    if (role.code == code) {
      return &role;
    }
  }
  return nullptr;
}

void Context::SignIn(store::User user, const core::Role& role, std::string session_hash,
                     std::string csrf_token) {
  scope_ = store::ScopeOf(user, role);
  user_ = std::move(user);
  role_ = &role;
  session_hash_ = std::move(session_hash);
  csrf_token_ = std::move(csrf_token);
}

void Context::Require(std::string_view permission) const {
  if (!role_->Allows(permission)) {
    throw ApiError(403, "forbidden", "您的角色（" + role_->label + "）没有此项权限");
  }
}

void Context::RequireWrite() const {
  if (!scope_.can_write) {
    throw ApiError(403, "read_only", "您的角色（" + role_->label + "）只能查看，不能修改");
  }
}

namespace {

std::int64_t QueryNumber(const Request& request, const std::string& name, std::int64_t fallback,
                         std::int64_t low, std::int64_t high) {
  const std::string text = request.QueryValue(name);
  if (text.empty()) {
    return fallback;
  }
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || value > high) {
      throw ApiError(
          400, "bad_parameter",
          "参数 " + name + " 应为 " + std::to_string(low) + "～" + std::to_string(high) + " 的整数",
          boost::json::array{boost::json::object{{"field", name}, {"code", "bad_parameter"}}});
    }
    value = value * 10 + (c - '0');
  }
  if (value < low || value > high) {
    throw ApiError(
        400, "bad_parameter",
        "参数 " + name + " 应为 " + std::to_string(low) + "～" + std::to_string(high) + " 的整数",
        boost::json::array{boost::json::object{{"field", name}, {"code", "bad_parameter"}}});
  }
  return value;
}

}  // namespace

std::int64_t Context::IdParam(const std::string& name, const std::string& not_found_message) const {
  const std::string& text = Param(name);
  std::int64_t id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || id > 1000000000000LL) {
      throw ApiError(404, "not_found", not_found_message);
    }
    id = id * 10 + (c - '0');
  }
  if (text.empty()) {
    throw ApiError(404, "not_found", not_found_message);
  }
  return id;
}

std::int64_t Context::Page() const {
  return QueryNumber(request_, "page", 1, 1, 1000000);
}
std::int64_t Context::Size() const {
  return QueryNumber(request_, "size", 20, 1, 200);
}

boost::json::object Context::Paged(boost::json::array items, std::int64_t total) const {
  return boost::json::object{
      {"items", std::move(items)}, {"total", total}, {"page", Page()}, {"size", Size()}};
}

void Context::Audit(const std::string& action, const std::string& entity, const std::string& key,
                    std::optional<std::string> before, std::optional<std::string> after) {
  store::AuditEntry entry;
  entry.at = state_.now();
  if (user_) {
    entry.user_id = user_->id;
    entry.username = user_->username;
  } else {
    entry.username = "-";
  }
  entry.action = action;
  entry.entity = entity;
  entry.entity_key = key;
  entry.before_json = std::move(before);
  entry.after_json = std::move(after);
  entry.ip = request_.remote_address;
  store::AuditLog(database_).Append(std::move(entry));
}

void Context::AuditAs(const store::User& actor, const std::string& action,
                      const std::string& entity, const std::string& key) {
  store::AuditEntry entry;
  entry.at = state_.now();
  entry.user_id = actor.id;
  entry.username = actor.username;
  entry.action = action;
  entry.entity = entity;
  entry.entity_key = key;
  entry.ip = request_.remote_address;
  store::AuditLog(database_).Append(std::move(entry));
}

void Context::AuditRead(const std::string& entity, const std::string& keys) {
  store::AuditEntry entry;
  entry.at = state_.now();
  entry.user_id = user_->id;
  entry.username = user_->username;
  entry.action = "read_personal";
  entry.entity = entity;
  entry.entity_key = keys;
  entry.ip = request_.remote_address;
  state_.audit_reads->Record(std::move(entry));
}

}  // namespace shuanglian::api
