#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "api/generation_cache.h"
#include "api/request.h"

namespace shuanglian::api {

using Handler = Response (*)(Context&);

// A route: method, path pattern ("/api/v1/households/{number}"), and whether it needs a
// signed-in user. Permissions are checked by the handlers, which know what they touch.
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  bool public_route = false;
  // The handler opens its own transactions: an upload hands its file to an import that
  // writes on another connection, which a request transaction would keep waiting.
  bool own_transactions = false;
};

// Every route of the API, gathered from the handler files.
std::vector<Route> AuthRoutes();
std::vector<Route> BackupRoutes();
std::vector<Route> RegionRoutes();
std::vector<Route> HouseholdRoutes();
std::vector<Route> PersonRoutes();
std::vector<Route> StatsRoutes();
std::vector<Route> ImportRoutes();
std::vector<Route> AdminRoutes();
std::vector<Route> PairingRoutes();
std::vector<Route> CoverageRoutes();
std::vector<Route> FieldworkRoutes();
std::vector<Route> SyncRoutes();
std::vector<Route> PhotoRoutes();
std::vector<Route> ProgressRoutes();
std::vector<Route> ReportRoutes();

// The request handler: a function from a request to a response with no I/O of its own but
// the database. It finds the route, signs the user in from the session cookie or bearer
// token, checks the CSRF token of cookie requests that change data, runs the handler in
// one transaction when it changes data, and turns every failure into the error envelope.
class Api {
 public:
  explicit Api(ServerState& state);
  Response Handle(const Request& request, store::Database& database, std::string* route_name);

 private:
  ServerState& state_;
  std::vector<Route> routes_;
  // Sessions and their users by token hash, read once per data generation: signing out,
  // an expired or revoked session, a changed or disabled user are all writes, after which
  // the next request reads them again. Expiry is checked on every request.
  GenerationCache<std::pair<store::Session, store::User>> sessions_;
};

// The answer to a database error no handler turned into its own: a broken rule of the
// schema 409, saying whether a record is taken or one referred to is gone; a busy database
// 503; anything else 500. Never the SQL or the database's text.
Response StoreErrorResponse(const store::StoreError& error);

}  // namespace shuanglian::api
