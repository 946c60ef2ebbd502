#include "store/audit_log.h"

#include "store/sha256.h"

namespace shuanglian::store {

namespace {

constexpr std::string_view kColumns =
    "id, at, user_id, username, action, entity, entity_key, before_json, after_json, ip, "
    "prev_hash, hash";

AuditEntry ReadEntry(const RowView& row) {
  AuditEntry entry;
  entry.id = row.Int(0);
  entry.at = row.Text(1);
  entry.user_id = row.OptInt(2);
  entry.username = row.Text(3);
  entry.action = row.Text(4);
  entry.entity = row.Text(5);
  entry.entity_key = row.Text(6);
  if (!row.IsNull(7)) {
    entry.before_json = row.Text(7);
  }
  if (!row.IsNull(8)) {
    entry.after_json = row.Text(8);
  }
  entry.ip = row.Text(9);
  entry.prev_hash = row.Text(10);
  entry.hash = row.Text(11);
  return entry;
}

// The genesis of the chain.
constexpr std::string_view kNoPrevious =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

std::string AuditLog::HashOf(const AuditEntry& entry) {
  // Every field, length-prefixed so that no two different rows serialise alike.
  std::string text;
  const auto add = [&](std::string_view field) {
    text += std::to_string(field.size());
    text.push_back(':');
    text.append(field);
  };
  add(entry.prev_hash);
  add(entry.at);
  add(entry.user_id ? std::to_string(*entry.user_id) : "-");
  add(entry.username);
  add(entry.action);
  add(entry.entity);
  add(entry.entity_key);
  add(entry.before_json ? "b" + *entry.before_json : "-");
  add(entry.after_json ? "a" + *entry.after_json : "-");
  add(entry.ip);
  return Sha256Hex(text);
}

void AuditLog::Append(AuditEntry entry) {
  if (database_.backend() == Backend::kPostgres) {
    // One writer extends the chain at a time; the lock ends with the caller's transaction.
    database_.Execute("SELECT pg_advisory_xact_lock(7412002)");
  }
  const auto head = database_.Query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  entry.prev_hash = head.empty() ? std::string(kNoPrevious) : head[0].Text(0);
  entry.hash = HashOf(entry);
  database_.Execute(
      "INSERT INTO audit_log (at, user_id, username, action, entity, entity_key, before_json, "
      "after_json, ip, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {entry.at, entry.user_id, entry.username, entry.action, entry.entity, entry.entity_key,
       entry.before_json, entry.after_json, entry.ip, entry.prev_hash, entry.hash});
}

std::vector<AuditEntry> AuditLog::List(const AuditFilter& filter,
                                       const std::vector<std::string>& only_users,
                                       std::int64_t* total) {
  std::string where = " WHERE 1 = 1";
  std::vector<std::string> values;
  const auto add = [&](const std::string& value, const char* condition) {
    if (!value.empty()) {
      values.push_back(value);
      where += std::string(" AND ") + condition + " $" + std::to_string(values.size());
    }
  };
  add(filter.username, "username =");
  add(filter.action, "action =");
  add(filter.entity, "entity =");
  add(filter.entity_key, "entity_key =");
  add(filter.from, "at >=");
  add(filter.to, "at <");
  if (!only_users.empty()) {
    where += " AND username IN (";
    for (std::size_t index = 0; index < only_users.size(); ++index) {
      values.push_back(only_users[index]);
      where += (index ? ", $" : "$") + std::to_string(values.size());
    }
    where += ")";
  }
  std::vector<Param> params(values.begin(), values.end());
  if (total != nullptr) {
    *total = database_.Query("SELECT count(*) FROM audit_log" + where, params)[0].Int(0);
  }
  params.emplace_back(filter.limit);
  params.emplace_back(filter.offset);
  std::vector<AuditEntry> entries;
  for (const RowView row :
       database_.Query("SELECT " + std::string(kColumns) + " FROM audit_log" + where +
                           " ORDER BY id DESC LIMIT $" + std::to_string(values.size() + 1) +
                           " OFFSET $" + std::to_string(values.size() + 2),
                       params)) {
    entries.push_back(ReadEntry(row));
  }
  return entries;
}

AuditVerification AuditLog::Verify() {
  AuditVerification result;
  std::string previous(kNoPrevious);
  database_.ForEachRow("SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY id", {},
                       [&](const RowView& row) {
                         ++result.rows;
                         if (result.broken_at) {
                           return;
                         }
                         const AuditEntry entry = ReadEntry(row);
                         if (entry.prev_hash != previous) {
                           result.broken_at = entry.id;
                           result.problem = "第 " + std::to_string(entry.id) +
                                            " 条记录与前一条接不上：其前的记录被删除或改动";
                         } else if (HashOf(entry) != entry.hash) {
                           result.broken_at = entry.id;
                           result.problem =
                               "第 " + std::to_string(entry.id) + " 条记录的内容被改动";
                         }
                         previous = entry.hash;
                       });
  result.head_hash = previous;
  return result;
}

}  // namespace shuanglian::store
