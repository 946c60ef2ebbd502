#pragma once

#include <boost/json/object.hpp>

#include "core/access.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace shuanglian::api {

// A user as the API answers them: who, which role and permissions, and what they hold in
// words (`scope_label`: a region's name, a unit's, a cadre's own households), so that a
// page header can say it for every role.
boost::json::object UserJson(store::Database& database, const store::User& user,
                             const core::Role* role);

}  // namespace shuanglian::api
