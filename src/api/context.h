#pragma once

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/answer_cache.h"
#include "api/metrics.h"
#include "api/request.h"
#include "core/access.h"
#include "core/date.h"
#include "core/dictionary.h"
#include "store/data_scope.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace shuanglian::api {

class ImportJobs;
class AuditReadQueue;

// What every request shares: loaded once when the server starts.
struct ServerState {
  core::DictionarySet dictionaries;
  std::vector<core::Role> roles;
  Metrics metrics;
  AnswerCache answers;
  // How many records match a list's filter in a scope: the same for every page of it.
  GenerationCache<std::int64_t> counts{1u << 20, [](std::int64_t) { return std::size_t{16}; }};
  // Opens a connection of its own for work outside a request (imports).
  std::function<std::unique_ptr<store::Database>()> open_database;
  // Opens a connection with a request's limits (store::OpenRequestDatabase): a worker's, the
  // audit writer's.
  std::function<std::unique_ptr<store::Database>()> open_request_database;
  std::function<core::Date()> today;
  std::function<std::string()> now;         // ISO 8601 with +08:00
  std::function<std::int64_t()> unix_time;  // seconds
  std::string work_directory;               // uploads and reports
  std::string database_key;     // the database, whichever way --db names it (unwritten_reads.h)
  std::string photo_directory;  // visit photos, named by their SHA-256
  ImportJobs* imports = nullptr;
  AuditReadQueue* audit_reads = nullptr;

  const core::Role* RoleByCode(const std::string& code) const;
};

// One request on its way through a handler: who asks, what they may see, the database.
class Context {
 public:
  Context(const Request& request, store::Database& database, ServerState& state)
      : request_(request), database_(database), state_(state) {}

  const Request& request() const { return request_; }
  store::Database& db() { return database_; }
  ServerState& state() { return state_; }
  const std::string& Param(const std::string& name) const { return params_.at(name); }
  // A numeric path parameter ("/users/{id}"): 404 with `not_found_message` when it is not a
  // number, the same answer as for a record that does not exist.
  std::int64_t IdParam(const std::string& name, const std::string& not_found_message) const;
  std::map<std::string, std::string>& params() { return params_; }

  bool signed_in() const { return user_.has_value(); }
  const store::User& user() const { return *user_; }
  const core::Role& role() const { return *role_; }
  const store::DataScope& scope() const { return scope_; }
  const std::string& csrf_token() const { return csrf_token_; }
  const std::string& session_hash() const { return session_hash_; }

  void SignIn(store::User user, const core::Role& role, std::string session_hash,
              std::string csrf_token);

  // 403 unless the role grants the permission ("registry:household:edit").
  void Require(std::string_view permission) const;
  // 403 unless the role may change data.
  void RequireWrite() const;

  // Page and size from the query: page from 1, size 1..200 (default 20).
  std::int64_t Page() const;
  std::int64_t Size() const;
  // Where the page starts: the rows before it.
  std::int64_t Offset() const { return (Page() - 1) * Size(); }
  // A list's answer: {"items", "total", "page", "size"}.
  boost::json::object Paged(boost::json::array items, std::int64_t total) const;

  // An entry for the audit log, filled with who and when.
  void Audit(const std::string& action, const std::string& entity, const std::string& key,
             std::optional<std::string> before, std::optional<std::string> after);
  // The same for a request made before anyone is signed in: the sign-in itself, whose
  // actor is the account that has just proved who it is.
  void AuditAs(const store::User& actor, const std::string& action, const std::string& entity,
               const std::string& key);
  // A read of unmasked personal data: queued, written within a fraction of a second.
  void AuditRead(const std::string& entity, const std::string& keys);

 private:
  const Request& request_;
  store::Database& database_;
  ServerState& state_;
  std::map<std::string, std::string> params_;
  std::optional<store::User> user_;
  const core::Role* role_ = nullptr;
  store::DataScope scope_;
  std::string session_hash_;
  std::string csrf_token_;
};

}  // namespace shuanglian::api
