// Users, roles, the audit log and the dictionaries.
#include <boost/json.hpp>

#include "api/accounts.h"
#include "api/api.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/passwords.h"
#include "api/registry_json.h"
#include "api/user_json.h"
#include "core/region_code.h"
#include "store/audit_log.h"
#include "store/region_repository.h"

namespace shuanglian::api {

namespace {

boost::json::object UserAnswer(Context& context, const store::User& user) {
  return UserJson(context.db(), user, context.state().RoleByCode(user.role));
}

std::int64_t UserId(Context& context) {
  return context.IdParam("id", "没有这个用户");
}

[[noreturn]] void FieldError(const std::string& field, const std::string& code,
                             const std::string& message) {
  throw ApiError(400, "validation_failed", message,
                 boost::json::array{
                     boost::json::object{{"field", field}, {"code", code}, {"message", message}}});
}

std::string Snapshot(Context& context, const store::User& user) {
  boost::json::object out = UserAnswer(context, user);
  out.erase("permissions");
  return ToJsonText(out);
}

Response ListUsers(Context& context) {
  context.Require("system:user:list");
  boost::json::array items;
  for (const store::User& user : store::UserRepository(context.db()).All()) {
    items.push_back(UserAnswer(context, user));
  }
  return Response::Json(boost::json::object{{"items", items}});
}

Response CreateUser(Context& context) {
  context.Require("system:user:add");
  const boost::json::object body = ParseJsonObject(context.request());
  AccountInput input;
  input.username = RequiredText(body, "username");
  input.display_name = TextField(body, "display_name").value_or("");
  input.role = RequiredText(body, "role");
  input.region_code = TextField(body, "region_code", true).value_or("");
  input.unit_id = IntField(body, "unit_id");
  input.helper_id = IntField(body, "helper_id");
  input.password = TextField(body, "password").value_or("");
  const CreatedAccount created =
      CreateAccount(context.db(), context.state().roles, input, context.state().now());
  context.Audit("create", "user", created.user.username, std::nullopt,
                Snapshot(context, created.user));
  boost::json::object out{{"user", UserAnswer(context, created.user)}};
  // Shown once: it is stored only as its hash.
  out["password"] = created.generated_password.empty()
                        ? boost::json::value(nullptr)
                        : boost::json::value(created.generated_password);
  return Response::Json(out, 201);
}

Response UpdateUser(Context& context) {
  context.Require("system:user:edit");
  store::UserRepository users(context.db());
  auto user = users.ById(UserId(context));
  if (!user) {
    throw ApiError(404, "not_found", "没有这个用户");
  }
  const std::string before = Snapshot(context, *user);
  const boost::json::object body = ParseJsonObject(context.request());
  if (auto name = TextField(body, "display_name")) {
    user->display_name = *name;
  }
  if (auto role = TextField(body, "role")) {
    user->role = *role;
  }
  if (body.contains("region_code")) {
    user->region_code = TextField(body, "region_code", true).value_or("");
  }
  if (body.contains("unit_id")) {
    user->unit_id = IntField(body, "unit_id");
  }
  if (body.contains("helper_id")) {
    user->helper_id = IntField(body, "helper_id");
  }
  if (auto disabled = BoolField(body, "disabled")) {
    if (*disabled && user->id == context.user().id) {
      FieldError("disabled", "self", "不能停用自己的账号");
    }
    user->disabled = *disabled;
  }
  CheckAssignment(context.db(), context.state().roles, *user);
  users.Update(*user, context.state().now());
  // A changed role or scope, or a disabled account, takes effect now, not at next sign-in.
  users.DeleteSessionsOf(user->id, user->id == context.user().id ? context.session_hash() : "");
  const auto after = users.ById(user->id);
  context.Audit("update", "user", user->username, before, Snapshot(context, *after));
  return Response::Json(UserAnswer(context, *after));
}

Response ResetPassword(Context& context) {
  context.Require("system:user:edit");
  store::UserRepository users(context.db());
  const auto user = users.ById(UserId(context));
  if (!user) {
    throw ApiError(404, "not_found", "没有这个用户");
  }
  const std::string password = GeneratePassword();
  users.SetPassword(user->id, HashPassword(password), context.state().now());
  users.DeleteSessionsOf(user->id);
  context.Audit("reset_password", "user", user->username, std::nullopt, std::nullopt);
  return Response::Json(boost::json::object{{"password", password}});
}

Response Roles(Context& context) {
  boost::json::array items;
  for (const core::Role& role : context.state().roles) {
    boost::json::array permissions;
    for (const std::string& permission : role.permissions) {
      permissions.emplace_back(permission);
    }
    items.push_back(boost::json::object{{"code", role.code},
                                        {"label", role.label},
                                        {"scope", std::string(core::ScopeKindName(role.scope))},
                                        {"read_only", role.read_only},
                                        {"sees_personal_data", role.sees_personal_data},
                                        {"permissions", permissions}});
  }
  return Response::Json(boost::json::object{{"items", items}});
}

Response Audit(Context& context) {
  context.Require("system:audit:list");
  const Request& request = context.request();
  store::AuditFilter filter;
  filter.username = request.QueryValue("username");
  filter.action = request.QueryValue("action");
  filter.entity = request.QueryValue("entity");
  filter.entity_key = request.QueryValue("entity_key");
  filter.from = request.QueryValue("from");
  filter.to = request.QueryValue("to");
  filter.offset = context.Offset();
  filter.limit = context.Size();
  // Beyond the administrator, an office reads what its own people did, nobody else's.
  std::vector<std::string> allowed;
  if (context.scope().kind != store::DataScope::Kind::kAll) {
    for (const store::User& user : store::UserRepository(context.db()).All()) {
      if (context.scope().kind == store::DataScope::Kind::kRegion && !user.region_code.empty() &&
          core::IsWithin(user.region_code, context.scope().region_code)) {
        allowed.push_back(user.username);
      }
    }
    if (allowed.empty() ||
        (!filter.username.empty() &&
         std::find(allowed.begin(), allowed.end(), filter.username) == allowed.end())) {
      return Response::Json(context.Paged({}, 0));
    }
  }
  std::int64_t total = 0;
  boost::json::array items;
  const auto parse = [](const std::optional<std::string>& text) -> boost::json::value {
    if (!text) {
      return nullptr;
    }
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(*text, error);
    return error ? boost::json::value(*text) : value;
  };
  for (const store::AuditEntry& entry :
       store::AuditLog(context.db()).List(filter, allowed, &total)) {
    items.push_back(boost::json::object{{"id", entry.id},
                                        {"at", entry.at},
                                        {"username", entry.username},
                                        {"action", entry.action},
                                        {"entity", entry.entity},
                                        {"entity_key", entry.entity_key},
                                        {"before", parse(entry.before_json)},
                                        {"after", parse(entry.after_json)},
                                        {"ip", entry.ip}});
  }
  return Response::Json(context.Paged(std::move(items), total));
}

Response Dictionaries(Context& context) {
  boost::json::array items;
  for (const core::Dictionary& dictionary : context.state().dictionaries.all()) {
    boost::json::array values;
    for (const core::DictionaryItem& item : dictionary.items()) {
      values.push_back(boost::json::object{{"code", item.code}, {"label", item.label}});
    }
    items.push_back(boost::json::object{
        {"name", dictionary.name()}, {"title", dictionary.title()}, {"items", values}});
  }
  return Response::Json(boost::json::object{{"items", items}});
}

}  // namespace

std::vector<Route> AdminRoutes() {
  return {
      {"GET", "/api/v1/users", ListUsers},
      {"POST", "/api/v1/users", CreateUser},
      {"PUT", "/api/v1/users/{id}", UpdateUser},
      {"POST", "/api/v1/users/{id}/password", ResetPassword},
      {"GET", "/api/v1/roles", Roles},
      {"GET", "/api/v1/audit", Audit},
      {"GET", "/api/v1/dictionaries", Dictionaries},
  };
}

}  // namespace shuanglian::api
