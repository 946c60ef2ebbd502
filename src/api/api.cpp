#include "api/api.h"

#include <boost/json.hpp>
#include <cstdio>

#include "api/passwords.h"
#include "store/sha256.h"

namespace shuanglian::api {

namespace {

// Does `path` match `pattern`, filling {names}?
bool Match(std::string_view pattern, std::string_view path,
           std::map<std::string, std::string>& params) {
  params.clear();
  std::size_t p = 0;
  std::size_t q = 0;
  while (p < pattern.size() && q <= path.size()) {
    if (pattern[p] == '{') {
      const auto close = pattern.find('}', p);
      const std::string name(pattern.substr(p + 1, close - p - 1));
      auto end = path.find('/', q);
      if (end == std::string_view::npos) {
        end = path.size();
      }
      if (end == q) {
        return false;
      }
      params[name] = std::string(path.substr(q, end - q));
      p = close + 1;
      q = end;
      continue;
    }
    if (q >= path.size() || pattern[p] != path[q]) {
      return false;
    }
    ++p;
    ++q;
  }
  return p == pattern.size() && q == path.size();
}

bool Changes(const std::string& method) {
  return method != "GET" && method != "HEAD";
}

std::string BearerToken(const Request& request) {
  const std::string header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() > kBearer.size() &&
      std::string_view(header).substr(0, kBearer.size()) == kBearer) {
    return header.substr(kBearer.size());
  }
  return {};
}

}  // namespace

Response StoreErrorResponse(const store::StoreError& error) {
  if (error.kind() == store::StoreError::Kind::kConstraint) {
    // Handlers answer the constraints they can foresee as their own checks do (a taken
    // username, a household deleted meanwhile); what reaches here is a write that raced
    // another. A broken foreign key means a record this one refers to is gone, not that it
    // duplicates one.
    if (error.broken_reference()) {
      return ErrorResponse(409, "conflict", "所引用的记录已被他人删除或修改，请刷新后重试");
    }
    return ErrorResponse(409, "conflict", "与已有记录冲突");
  }
  if (error.kind() == store::StoreError::Kind::kBusy) {
    return ErrorResponse(503, "busy", "数据库繁忙，请稍后重试");
  }
  if (error.kind() == store::StoreError::Kind::kConnection ||
      error.kind() == store::StoreError::Kind::kNoAnswer) {
    // The database server is away (restarting, unreachable). A cut before the commit saved
    // nothing; one during it cannot be told from that, so the user is asked to look first.
    return ErrorResponse(503, "database_unavailable",
                         "数据库暂时无法连接，本次操作可能没有保存：请稍后刷新查看，确认后再重试");
  }
  return ErrorResponse(500, "database_error", "数据库错误，请稍后重试或联系管理员");
}

Api::Api(ServerState& state)
    : state_(state), sessions_(4u << 20, [](const std::pair<store::Session, store::User>&) {
        return std::size_t{1024};  // two small records; roughly
      }) {
  for (auto routes :
       {AuthRoutes(), RegionRoutes(), HouseholdRoutes(), PersonRoutes(), StatsRoutes(),
        ImportRoutes(), AdminRoutes(), PairingRoutes(), CoverageRoutes(), FieldworkRoutes(),
        SyncRoutes(), PhotoRoutes(), ProgressRoutes(), BackupRoutes(), ReportRoutes()}) {
    routes_.insert(routes_.end(), routes.begin(), routes.end());
  }
}

Response Api::Handle(const Request& request, store::Database& database, std::string* route_name) {
  if (auto refused = RefuseUnsoundText(request)) {
    if (route_name != nullptr) {
      *route_name = "unmatched";
    }
    return std::move(*refused);
  }
  Context context(request, database, state_);
  const Route* route = nullptr;
  bool path_known = false;
  for (const Route& candidate : routes_) {
    if (Match(candidate.pattern, request.path, context.params())) {
      path_known = true;
      if (candidate.method == request.method) {
        route = &candidate;
        break;
      }
    }
  }
  if (route_name != nullptr) {
    *route_name = route != nullptr ? route->pattern : "unmatched";
  }
  if (route == nullptr) {
    context.params().clear();
    return path_known ? ErrorResponse(405, "method_not_allowed", "不支持此请求方法")
                      : ErrorResponse(404, "not_found", "没有这个接口");
  }
  try {
    // Who is asking: the session cookie of a browser, or the bearer token of a script.
    const std::string bearer = BearerToken(request);
    const std::string cookie = request.Cookie("sl_session");
    const std::string token = !bearer.empty() ? bearer : cookie;
    if (!token.empty()) {
      store::UserRepository users(database);
      const std::string hash = store::Sha256Hex(token);
      const std::int64_t now = state_.unix_time();
      const auto signed_in =
          sessions_.Get(database, hash, [&] { return users.SessionWithUser(hash, now); });
      if (signed_in && signed_in->first.expires_at > now) {
        const auto& [session, user] = *signed_in;
        const core::Role* role = state_.RoleByCode(user.role);
        if (role && !user.disabled) {
          context.SignIn(user, *role, hash, session.csrf_token);
          // Throttled: a write on every request would serialise reads behind the writer.
          if (now - session.last_seen_at > 300) {
            users.TouchSession(hash, now);
          }
        }
      }
    }
    if (!route->public_route && !context.signed_in()) {
      return ErrorResponse(401, "unauthenticated", "请先登录");
    }
    // A request that changes data with the ambient cookie must prove it came from our page.
    if (!route->public_route && context.signed_in() && bearer.empty() && Changes(request.method) &&
        !SecretsEqual(request.Header("x-csrf-token"), context.csrf_token())) {
      return ErrorResponse(403, "csrf_failed", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
    }
    if (!Changes(request.method) || route->own_transactions) {
      return route->handler(context);
    }
    // The one transaction boundary of a request: the change and its audit entry together.
    store::Transaction transaction(database);
    Response response = route->handler(context);
    transaction.Commit();
    return response;
  } catch (const ApiError& error) {
    return ErrorResponse(error.status(), error.code(), error.what(), error.details());
  } catch (const store::StoreError& error) {
    std::fprintf(stderr, "%s %s: database error: %s\n", request.method.c_str(),
                 request.path.c_str(), error.what());
    return StoreErrorResponse(error);
  } catch (const std::exception& error) {
    // Never a stack trace or SQL text to the client: the detail goes to the server's log.
    std::fprintf(stderr, "%s %s: internal error: %s\n", request.method.c_str(),
                 request.path.c_str(), error.what());
    return ErrorResponse(500, "internal_error", "服务器内部错误");
  }
}

}  // namespace shuanglian::api
