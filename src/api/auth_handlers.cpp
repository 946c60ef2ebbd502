// Sign-in, sign-out, the current user and their password.
#include <boost/json.hpp>
#include <cmath>

#include "api/api.h"
#include "api/json_input.h"
#include "api/passwords.h"
#include "api/registry_json.h"
#include "api/user_json.h"
#include "store/region_repository.h"
#include "store/sha256.h"

namespace shuanglian::api {

namespace {

constexpr std::int64_t kSessionSeconds = 12 * 3600;
constexpr std::int64_t kLockAfterFailures = 5;
constexpr std::int64_t kLockSeconds = 15 * 60;
constexpr std::int64_t kSlowAfterFailures = 3;

struct SignedIn {
  store::User user;
  const core::Role* role = nullptr;
};

// Checks a username and password, counting failures: slowed after 3, locked after 5. A
// refusal is returned as a response (not thrown) so that the failure count is committed.
std::variant<SignedIn, Response> CheckCredentials(Context& context) {
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string username = RequiredText(body, "username");
  const std::string password = RequiredText(body, "password");
  store::UserRepository users(context.db());
  const std::int64_t now = context.state().unix_time();
  // Locked until this request's transaction ends: the failure count read here is the one
  // written back below, so parallel guesses are checked one at a time, as on SQLite, and
  // each is counted.
  const auto user = users.ByNameLocked(username);
  if (!user || user->disabled) {
    // Same answer, and the same time spent, as a wrong password: usernames are not revealed.
    static const std::string kDecoy = HashPassword("decoy-password-2012");
    VerifyPassword(kDecoy, password);
    context.Audit("login_failed", "session", username, std::nullopt, std::nullopt);
    return ErrorResponse(401, "bad_credentials", "用户名或密码错误");
  }
  if (user->locked_until && *user->locked_until > now) {
    const std::int64_t minutes = (*user->locked_until - now + 59) / 60;
    return ErrorResponse(
        423, "account_locked",
        "密码错误次数过多，账号已锁定，请 " + std::to_string(minutes) + " 分钟后再试",
        boost::json::object{{"retry_after", *user->locked_until - now}});
  }
  if (user->failed_attempts >= kSlowAfterFailures && user->last_failure_at) {
    const std::int64_t wait =
        std::int64_t{1} << std::min<std::int64_t>(user->failed_attempts - kSlowAfterFailures, 10);
    if (*user->last_failure_at + wait > now) {
      return ErrorResponse(
          429, "too_many_attempts",
          "尝试过于频繁，请 " + std::to_string(*user->last_failure_at + wait - now) + " 秒后再试",
          boost::json::object{{"retry_after", *user->last_failure_at + wait - now}});
    }
  }
  if (!VerifyPassword(user->password_hash, password)) {
    const std::int64_t failures = user->failed_attempts + 1;
    const bool lock = failures >= kLockAfterFailures;
    users.RecordFailure(user->id, lock ? 0 : failures, now,
                        lock ? std::optional<std::int64_t>(now + kLockSeconds) : std::nullopt);
    context.Audit(lock ? "account_locked" : "login_failed", "session", username, std::nullopt,
                  std::nullopt);
    if (lock) {
      return ErrorResponse(423, "account_locked", "密码错误次数过多，账号已锁定 15 分钟",
                           boost::json::object{{"retry_after", kLockSeconds}});
    }
    return ErrorResponse(401, "bad_credentials", "用户名或密码错误",
                         boost::json::object{{"attempts_left", kLockAfterFailures - failures}});
  }
  const core::Role* role = context.state().RoleByCode(user->role);
  if (role == nullptr) {
    return ErrorResponse(403, "no_role", "账号的角色不存在，请联系管理员");
  }
  if (user->failed_attempts > 0 || user->locked_until) {
    users.ClearFailures(user->id);
  }
  return SignedIn{*user, role};
}

// Opens a session and returns its token.
std::string OpenSession(Context& context, const store::User& user, std::string& csrf) {
  const std::string token = RandomToken();
  csrf = RandomToken();
  const std::int64_t now = context.state().unix_time();
  store::UserRepository(context.db())
      .CreateSession(
          store::Session{store::Sha256Hex(token), user.id, csrf, now + kSessionSeconds, now}, now);
  context.AuditAs(user, "login", "session", user.username);
  return token;
}

std::string CookieAttributes(const Request& request) {
  // Secure when a TLS proxy in front says the browser came over https.
  return std::string("; Path=/; HttpOnly; SameSite=Strict") +
         (request.Header("x-forwarded-proto") == "https" ? "; Secure" : "");
}

Response Login(Context& context) {
  auto checked = CheckCredentials(context);
  if (auto* refused = std::get_if<Response>(&checked)) {
    return std::move(*refused);
  }
  const SignedIn& signed_in = std::get<SignedIn>(checked);
  std::string csrf;
  const std::string token = OpenSession(context, signed_in.user, csrf);
  Response response = Response::Json(boost::json::object{
      {"user", UserJson(context.db(), signed_in.user, signed_in.role)}, {"csrf_token", csrf}});
  response.headers.emplace_back("Set-Cookie", "sl_session=" + token +
                                                  CookieAttributes(context.request()) +
                                                  "; Max-Age=" + std::to_string(kSessionSeconds));
  return response;
}

Response Token(Context& context) {
  auto checked = CheckCredentials(context);
  if (auto* refused = std::get_if<Response>(&checked)) {
    return std::move(*refused);
  }
  std::string csrf;
  const std::string token = OpenSession(context, std::get<SignedIn>(checked).user, csrf);
  return Response::Json(boost::json::object{
      {"token", token}, {"expires_at", context.state().unix_time() + kSessionSeconds}});
}

Response Logout(Context& context) {
  store::UserRepository(context.db()).DeleteSession(context.session_hash());
  context.Audit("logout", "session", context.user().username, std::nullopt, std::nullopt);
  Response response = Response::NoContent();
  response.headers.emplace_back(
      "Set-Cookie", "sl_session=" + CookieAttributes(context.request()) + "; Max-Age=0");
  return response;
}

Response Me(Context& context) {
  return Response::Json(
      boost::json::object{{"user", UserJson(context.db(), context.user(), &context.role())},
                          {"csrf_token", context.csrf_token()}});
}

Response ChangePassword(Context& context) {
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string old_password = RequiredText(body, "old_password");
  const std::string new_password = RequiredText(body, "new_password");
  if (!VerifyPassword(context.user().password_hash, old_password)) {
    throw ApiError(
        400, "bad_credentials", "原密码不正确",
        boost::json::array{boost::json::object{
            {"field", "old_password"}, {"code", "bad_credentials"}, {"message", "原密码不正确"}}});
  }
  if (const auto policy = core::CheckPasswordPolicy(new_password); !policy) {
    throw ApiError(400, "weak_password", policy.error().message,
                   boost::json::array{boost::json::object{{"field", "new_password"},
                                                          {"code", "weak_password"},
                                                          {"message", policy.error().message}}});
  }
  store::UserRepository users(context.db());
  users.SetPassword(context.user().id, HashPassword(new_password), context.state().now());
  users.DeleteSessionsOf(context.user().id, context.session_hash());
  context.Audit("change_password", "user", context.user().username, std::nullopt, std::nullopt);
  return Response::NoContent();
}

}  // namespace

std::vector<Route> AuthRoutes() {
  return {
      {"POST", "/api/v1/auth/login", Login, true},     {"POST", "/api/v1/auth/token", Token, true},
      {"POST", "/api/v1/auth/logout", Logout},         {"GET", "/api/v1/me", Me},
      {"POST", "/api/v1/me/password", ChangePassword},
  };
}

}  // namespace shuanglian::api
