#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "api/api.h"
#include "store/database.h"

namespace shuanglian::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  std::string web_root;  // the built web app (web/dist); empty: API only
  std::size_t threads = 8;
  std::size_t json_body_limit = 1 << 20;       // 1 MB
  std::size_t upload_body_limit = 256u << 20;  // 256 MB, for imports
  std::chrono::seconds request_timeout{30};
  std::size_t max_connections = 10000;
};

// The HTTP server (Boost.Beast): accepts connections, reads each request within the limits,
// answers /healthz, /metrics, the API and the web app's files, compresses what is worth
// it, and keeps connections alive. Every thread has its own database connection. Returns
// when SIGINT or SIGTERM arrives, after the requests in flight are answered.
// `ready` is called once the socket listens, with the port (useful with port 0).
void RunServer(const ServerOptions& options, api::Api& api, api::ServerState& state,
               const std::function<void(unsigned short port)>& ready);

}  // namespace shuanglian::http
