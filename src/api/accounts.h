#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/access.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace shuanglian::api {

struct AccountInput {
  std::string username;
  std::string display_name;
  std::string role;
  std::string region_code;
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> helper_id;  // a cadre's own helper record
  std::string password;                   // empty: generate one
};

struct CreatedAccount {
  store::User user;
  std::string generated_password;  // empty when the caller gave one
};

// Creates an account for the API and the command line alike: a username of letters and
// digits, a role that exists, the region or unit the role needs, a password that meets the
// policy (or a generated one, shown once). Throws ApiError (400/409) naming the field.
// Runs in the caller's transaction.
CreatedAccount CreateAccount(store::Database& database, const std::vector<core::Role>& roles,
                             AccountInput input, const std::string& now);

// Checks a user's role and its region or unit, clearing what the role does not use.
void CheckAssignment(store::Database& database, const std::vector<core::Role>& roles,
                     store::User& user);

}  // namespace shuanglian::api
