#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace shuanglian::store {

// Connects to a PostgreSQL server by URL (postgresql://user:password@host:port/database).
// An unreachable server, a wrong password or a missing database is one StoreError of kind
// kConnection whose message names the host and the cause in Chinese.
std::unique_ptr<Database> OpenPostgres(const std::string& url);

// The URL with its password replaced by ***: for messages and logs.
std::string RedactUrl(const std::string& url);

}  // namespace shuanglian::store
