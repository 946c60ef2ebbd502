#include "store/user_repository.h"

#include "core/text.h"

namespace shuanglian::store {

namespace {

constexpr std::string_view kUserColumns =
    "id, username, display_name, role, region_code, unit_id, helper_id, password_hash, "
    "failed_attempts, last_failure_at, locked_until, disabled, created_at";

User ReadUser(const RowView& row) {
  User user;
  user.id = row.Int(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.role = row.Text(3);
  user.region_code = row.Text(4);
  user.unit_id = row.OptInt(5);
  user.helper_id = row.OptInt(6);
  user.password_hash = row.Text(7);
  user.failed_attempts = row.Int(8);
  user.last_failure_at = row.OptInt(9);
  user.locked_until = row.OptInt(10);
  user.disabled = row.Int(11) != 0;
  user.created_at = row.Text(12);
  return user;
}

// "a, b, c" with each name after the first prefixed: "a, u.b, u.c" from ", u.".
std::string Joined(std::string_view columns, std::string_view separator) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto comma = columns.find(", ", start);
    out.append(columns.substr(start, comma - start));
    if (comma == std::string_view::npos) {
      return out;
    }
    out.append(separator);
    start = comma + 2;
  }
}

core::Role ReadRole(const RowView& row) {
  core::Role role;
  role.code = row.Text(0);
  role.label = row.Text(1);
  core::ParseScopeKind(row.Text(2), role.scope);
  role.read_only = row.Int(3) != 0;
  role.sees_personal_data = row.Int(4) != 0;
  role.permissions = core::SplitAny(row.Text(5), {";"});
  return role;
}

}  // namespace

std::vector<core::Role> UserRepository::Roles() {
  std::vector<core::Role> roles;
  for (const RowView row : database_.Query("SELECT code, label, scope, read_only, "
                                           "sees_personal_data, permissions FROM roles ORDER BY "
                                           "read_only, code")) {
    roles.push_back(ReadRole(row));
  }
  return roles;
}

std::optional<core::Role> UserRepository::RoleByCode(const std::string& code) {
  const auto rows = database_.Query(
      "SELECT code, label, scope, read_only, sees_personal_data, permissions FROM roles WHERE code "
      "= $1",
      {code});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadRole(rows[0]);
}

std::optional<User> UserRepository::ByName(const std::string& username) {
  const auto rows = database_.Query(
      "SELECT " + std::string(kUserColumns) + " FROM users WHERE username = $1", {username});
  return rows.empty() ? std::nullopt : std::optional<User>(ReadUser(rows[0]));
}

std::optional<User> UserRepository::ByNameLocked(const std::string& username) {
  if (database_.backend() == Backend::kPostgres) {
    database_.Query("SELECT pg_advisory_xact_lock(7412004, hashtext($1))", {username});
  }
  const std::string sql = "SELECT " + std::string(kUserColumns) +
                          " FROM users WHERE username = $1" +
                          (database_.backend() == Backend::kPostgres ? " FOR UPDATE" : "");
  const auto rows = database_.Query(sql, {username});
  return rows.empty() ? std::nullopt : std::optional<User>(ReadUser(rows[0]));
}

std::optional<User> UserRepository::ById(std::int64_t id) {
  const auto rows =
      database_.Query("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = $1", {id});
  return rows.empty() ? std::nullopt : std::optional<User>(ReadUser(rows[0]));
}

std::vector<User> UserRepository::All() {
  std::vector<User> users;
  for (const RowView row :
       database_.Query("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY id")) {
    users.push_back(ReadUser(row));
  }
  return users;
}

std::optional<std::int64_t> UserRepository::Create(const User& user, const std::string& now) {
  const auto rows = database_.Query(
      "INSERT INTO users (username, display_name, role, region_code, unit_id, helper_id, "
      "password_hash, disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $9) ON CONFLICT (username) DO NOTHING RETURNING id",
      {user.username, user.display_name, user.role,
       user.region_code.empty() ? Param() : Param(user.region_code), user.unit_id, user.helper_id,
       user.password_hash, user.disabled ? 1 : 0, now});
  return rows.empty() ? std::nullopt : std::optional<std::int64_t>(rows[0].Int(0));
}

void UserRepository::Update(const User& user, const std::string& now) {
  database_.Execute(
      "UPDATE users SET display_name = $2, role = $3, region_code = $4, unit_id = $5, helper_id = "
      "$6, disabled = $7, updated_at = $8 WHERE id = $1",
      {user.id, user.display_name, user.role,
       user.region_code.empty() ? Param() : Param(user.region_code), user.unit_id, user.helper_id,
       user.disabled ? 1 : 0, now});
}

void UserRepository::SetPassword(std::int64_t id, const std::string& password_hash,
                                 const std::string& now) {
  database_.Execute(
      "UPDATE users SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = "
      "$3 WHERE id = $1",
      {id, password_hash, now});
}

void UserRepository::RecordFailure(std::int64_t id, std::int64_t failures, std::int64_t at,
                                   std::optional<std::int64_t> locked_until) {
  database_.Execute(
      "UPDATE users SET failed_attempts = $2, last_failure_at = $3, locked_until = $4 WHERE id = "
      "$1",
      {id, failures, at, locked_until});
}

void UserRepository::ClearFailures(std::int64_t id) {
  database_.Execute(
      "UPDATE users SET failed_attempts = 0, last_failure_at = NULL, locked_until = NULL WHERE id "
      "= $1",
      {id});
}

void UserRepository::CreateSession(const Session& session, std::int64_t now) {
  database_.Execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen_at) "
      "VALUES ($1, $2, $3, $4, $5, $4)",
      {session.token_hash, session.user_id, session.csrf_token, now, session.expires_at});
}

std::optional<Session> UserRepository::SessionByHash(const std::string& token_hash,
                                                     std::int64_t now) {
  const auto rows = database_.Query(
      "SELECT token_hash, user_id, csrf_token, expires_at, last_seen_at FROM sessions WHERE "
      "token_hash = $1 AND expires_at > $2",
      {token_hash, now});
  if (rows.empty()) {
    return std::nullopt;
  }
  return Session{rows[0].Text(0), rows[0].Int(1), rows[0].Text(2), rows[0].Int(3), rows[0].Int(4)};
}

std::optional<std::pair<Session, User>> UserRepository::SessionWithUser(
    const std::string& token_hash, std::int64_t now) {
  // The user's columns first, so that ReadUser reads them where it always does.
  static const std::string sql =
      "SELECT u." + Joined(kUserColumns, ", u.") +
      ", s.token_hash, s.user_id, s.csrf_token, s.expires_at, s.last_seen_at FROM sessions s "
      "JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2";
  const auto rows = database_.Query(sql, {token_hash, now});
  if (rows.empty()) {
    return std::nullopt;
  }
  const RowView row = rows[0];
  constexpr std::size_t kSession = 13;  // the user's columns come before
  Session session{row.Text(kSession), row.Int(kSession + 1), row.Text(kSession + 2),
                  row.Int(kSession + 3), row.Int(kSession + 4)};
  return std::make_pair(std::move(session), ReadUser(row));
}

void UserRepository::TouchSession(const std::string& token_hash, std::int64_t now) {
  database_.Execute("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1",
                    {token_hash, now});
}

void UserRepository::DeleteSession(const std::string& token_hash) {
  database_.Execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void UserRepository::DeleteSessionsOf(std::int64_t user_id, const std::string& keep) {
  database_.Execute("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2",
                    {user_id, keep});
}

void UserRepository::DeleteAllSessions() {
  database_.Execute("DELETE FROM sessions");
}

DataScope ScopeOf(const User& user, const core::Role& role) {
  DataScope scope;
  scope.can_write = !role.read_only;
  scope.sees_personal_data = role.sees_personal_data;
  switch (role.scope) {
    case core::ScopeKind::kAll:
      scope.kind = DataScope::Kind::kAll;
      break;
    case core::ScopeKind::kRegion:
      // A regional role without a region holds nothing, never everything.
      scope.kind = user.region_code.empty() ? DataScope::Kind::kNone : DataScope::Kind::kRegion;
      scope.region_code = user.region_code;
      break;
    case core::ScopeKind::kUnit:
      scope.kind = user.unit_id ? DataScope::Kind::kUnit : DataScope::Kind::kNone;
      scope.unit_id = user.unit_id.value_or(0);
      break;
    case core::ScopeKind::kHelper:
      scope.kind = user.helper_id ? DataScope::Kind::kHelper : DataScope::Kind::kNone;
      scope.helper_id = user.helper_id.value_or(0);
      break;
  }
  return scope;
}

}  // namespace shuanglian::store
