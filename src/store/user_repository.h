#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::store {

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  std::string region_code;  // empty: none
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> helper_id;
  std::string password_hash;
  std::int64_t failed_attempts = 0;
  std::optional<std::int64_t> last_failure_at;
  std::optional<std::int64_t> locked_until;
  bool disabled = false;
  std::string created_at;
};

struct Session {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t expires_at = 0;
  std::int64_t last_seen_at = 0;
};

// Users, their roles and their sessions. Writes run in the caller's transaction.
class UserRepository {
 public:
  explicit UserRepository(Database& database) : database_(database) {}

  std::vector<core::Role> Roles();
  std::optional<core::Role> RoleByCode(const std::string& code);

  std::optional<User> ByName(const std::string& username);
  // The same, with the row locked until the caller's transaction ends: a sign-in reads the
  // failure count, checks the password and writes the count back, and two sign-ins of one
  // account must not both read the count before either writes it (on PostgreSQL, READ
  // COMMITTED, they would: 16 parallel guesses were all checked and counted as one). On
  // SQLite the transaction's write lock (BEGIN IMMEDIATE) already serialises them. On
  // PostgreSQL the lock is on the name, taken whether or not an account has it: were only
  // existing accounts' sign-ins made to take turns, parallel guesses would take longer for a
  // real username than for an unknown one, and tell which names exist.
  std::optional<User> ByNameLocked(const std::string& username);
  std::optional<User> ById(std::int64_t id);
  std::vector<User> All();
  // The new user's id; nothing when the username is taken, also by an account another
  // transaction created and committed meanwhile (the insert waits for it), so that a
  // parallel creation is told "taken" as a sequential one is, not a bare constraint error.
  std::optional<std::int64_t> Create(const User& user, const std::string& now);
  void Update(const User& user, const std::string& now);
  void SetPassword(std::int64_t id, const std::string& password_hash, const std::string& now);
  void RecordFailure(std::int64_t id, std::int64_t failures, std::int64_t at,
                     std::optional<std::int64_t> locked_until);
  void ClearFailures(std::int64_t id);

  void CreateSession(const Session& session, std::int64_t now);
  std::optional<Session> SessionByHash(const std::string& token_hash, std::int64_t now);
  // The live session of a token and its user, read together: every request asks this.
  std::optional<std::pair<Session, User>> SessionWithUser(const std::string& token_hash,
                                                          std::int64_t now);
  void TouchSession(const std::string& token_hash, std::int64_t now);
  void DeleteSession(const std::string& token_hash);
  // Ends every session of a user but `keep` (a password change keeps the one making it).
  void DeleteSessionsOf(std::int64_t user_id, const std::string& keep = "");
  // Ends every session of everyone (a restore: sessions come back with the backup, including
  // ones ended since).
  void DeleteAllSessions();

 private:
  Database& database_;
};

// The data scope a user's role and assignment give (数据权限), built in one place.
DataScope ScopeOf(const User& user, const core::Role& role);

}  // namespace shuanglian::store
