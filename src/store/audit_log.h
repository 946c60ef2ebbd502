#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  // ISO 8601, +08:00
  std::optional<std::int64_t> user_id;
  std::string username;
  std::string action;      // create, update, delete, read_personal, login, import ...
  std::string entity;      // household, person, user, profile, session ...
  std::string entity_key;  // 户编号, record id, username ...
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  std::string ip;
  std::string prev_hash;
  std::string hash;
};

struct AuditFilter {
  std::string username;
  std::string action;
  std::string entity;
  std::string entity_key;
  std::string from;  // ISO date or time, inclusive
  std::string to;    // exclusive
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// What `audit verify` found.
struct AuditVerification {
  std::int64_t rows = 0;
  std::string head_hash;                  // the last row's hash: note it to detect a cut tail
  std::optional<std::int64_t> broken_at;  // the first row whose content or link does not hold
  std::string problem;
};

// The audit log: appended in the caller's transaction, chained by SHA-256 over each row's
// content and the previous row's hash.
class AuditLog {
 public:
  explicit AuditLog(Database& database) : database_(database) {}

  // Appends within the caller's transaction; the chain's head is read and extended under a
  // lock (SQLite's write lock, an advisory lock on PostgreSQL).
  void Append(AuditEntry entry);

  // Newest first. A non-empty `only_users` restricts the entries to those users' actions.
  std::vector<AuditEntry> List(const AuditFilter& filter,
                               const std::vector<std::string>& only_users, std::int64_t* total);
  AuditVerification Verify();

  static std::string HashOf(const AuditEntry& entry);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
