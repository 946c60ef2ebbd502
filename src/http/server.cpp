#include "http/server.h"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <list>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "http/compression.h"
#include "http/static_files.h"
#include "store/timed_database.h"

namespace shuanglian::http {

namespace beast = boost::beast;
namespace web = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

namespace {

// How long a response may make no progress before its client is let go (Session::Send).
constexpr std::chrono::seconds kSendingStall(30);

// What all connections share.
class Session;

struct Shared {
  const ServerOptions& options;
  api::Api& api;
  api::ServerState& state;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> connections{0};
  // Every open connection, so that a stop can end those waiting idle for a next request.
  std::mutex sessions_mutex{};
  std::list<std::weak_ptr<Session>> sessions{};
};

// Each thread keeps its own connection to the database: SQLite connections are not shared
// between threads, and PostgreSQL sessions hold prepared statements.
std::unique_ptr<store::TimedDatabase>& ThreadSlot() {
  thread_local std::unique_ptr<store::TimedDatabase> database;
  return database;
}

// When this thread's connection was last used.
std::chrono::steady_clock::time_point& ThreadLastUse() {
  thread_local std::chrono::steady_clock::time_point last_use;
  return last_use;
}

// A database server's connection idle this long is asked whether it is still there before a
// request is given to it: a restarted PostgreSQL cuts every connection, and the client finds
// out only when it next uses one.
constexpr std::chrono::seconds kIdleBeforeAsking(1);

store::TimedDatabase& ThreadDatabase(const Shared& shared) {  // throws StoreError
  auto& database = ThreadSlot();
  const auto now = std::chrono::steady_clock::now();
  if (database && database->backend() == store::Backend::kPostgres &&
      now - ThreadLastUse() >= kIdleBeforeAsking) {
    try {
      database->Query("SELECT 1", {});
    } catch (const store::StoreError& error) {
      database.reset();  // gone: a new one below
      if (error.kind() == store::StoreError::Kind::kNoAnswer) {
        throw;  // the server is there but says nothing: a new connection would wait as long
      }
    }
  }
  if (!database) {
    // Tuned before its first statement (its deadline bounds the opening too).
    database = std::make_unique<store::TimedDatabase>(shared.state.open_request_database());
  }
  ThreadLastUse() = now;
  return *database;
}

// After a lost connection (a restarted PostgreSQL) the next request opens a new one.
void DropBrokenDatabase() {
  auto& database = ThreadSlot();
  if (database && !database->Healthy()) {
    database.reset();
  }
}

bool IsApi(std::string_view path) {
  return path.starts_with("/api/");
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    ++shared_.connections;
  }
  ~Session() { --shared_.connections; }

  void Run() {
    {
      std::lock_guard lock(shared_.sessions_mutex);
      shared_.sessions.remove_if(
          [](const std::weak_ptr<Session>& session) { return session.expired(); });
      shared_.sessions.push_back(weak_from_this());
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

  // On stop: a connection kept alive with no request under way closes now; one with a request
  // in flight finishes it first (keep-alive is off once stopping).
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.socket().close(ignored);
      }
    });
  }

 private:
  void ReadHeader() {
    if (shared_.stopping) {
      return Close({});
    }
    idle_ = true;
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // Beast checks a Content-Length against the limit while it parses the header, before we
    // know the route: the largest limit here, the route's own in OnHeader.
    parser_->body_limit(shared_.options.upload_body_limit);
    stream_.expires_after(shared_.options.request_timeout);
    web::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code error, std::size_t) {
    idle_ = false;
    if (error == web::error::body_limit) {
      return WriteError(413, "body_too_large", "请求体过大");
    }
    if (error == web::error::header_limit) {
      return WriteError(431, "header_too_large", "请求头过大");
    }
    if (error) {
      return Close(error);
    }
    // Uploads may be large; every other body is bounded tightly.
    const std::string_view target = parser_->get().target();
    const bool upload =
        parser_->get().method() == web::verb::post &&
        (target.starts_with("/api/v1/imports") || target.starts_with("/api/v1/sync") ||
         target.starts_with("/api/v1/photos"));
    const std::size_t limit =
        upload ? shared_.options.upload_body_limit : shared_.options.json_body_limit;
    if (const auto length = parser_->content_length(); length && *length > limit) {
      return WriteError(413, "body_too_large", "请求体过大");
    }
    parser_->body_limit(limit);  // for chunked bodies, counted as they arrive
    web::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code error, std::size_t) {
    // A field upload cut by a weak signal: the records that arrived whole are stored (the
    // handler takes whole lines only), nothing is answered, and the retry completes it.
    if ((error == web::error::partial_message || error == beast::error::timeout) &&
        parser_->is_header_done() && parser_->get().method() == web::verb::post &&
        parser_->get().target().starts_with("/api/v1/sync")) {
      Answer(parser_->release(), false);
      return Close(error);
    }
    if (error == web::error::end_of_stream) {
      return Close({});
    }
    if (error == web::error::body_limit) {
      return WriteError(413, "body_too_large", "请求体过大");
    }
    if (error == web::error::header_limit) {
      return WriteError(431, "header_too_large", "请求头过大");
    }
    if (error) {
      return Close(error);
    }
    Answer(parser_->release(), true);
  }

  // `complete`: the whole body arrived and the client waits for the answer.
  void Answer(web::request<web::string_body> request, bool complete) {
    const auto start = std::chrono::steady_clock::now();
    keep_alive_ = request.keep_alive() && !shared_.stopping;
    api::Request input;
    std::string route = "static";
    api::Response output;
    double database_seconds = 0;
    try {
      const std::string_view target = request.target();
      const auto question = target.find('?');
      if (target.size() > 8192 ||
          !api::PercentDecode(target.substr(0, question), input.path, false) ||
          (question != std::string_view::npos &&
           !api::ParseQueryString(target.substr(question + 1), input.query))) {
        output = api::ErrorResponse(400, "bad_target", "请求地址无效");
      } else {
        input.method = std::string(request.method_string());
        for (const auto& field : request) {
          std::string name(field.name_string());
          for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          }
          input.headers[name] = std::string(field.value());
        }
        input.body = std::move(request.body());
        input.body_complete = complete;
        input.remote_address = RemoteAddress();
        output = Dispatch(input, route, database_seconds);
      }
    } catch (const std::exception& failure) {
      // A crashed handler answers 500 and the server goes on.
      std::fprintf(stderr, "%s: %s\n", input.path.c_str(), failure.what());
      output = api::ErrorResponse(500, "internal_error", "服务器内部错误");
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    shared_.state.metrics.Observe(input.method, route, output.status, seconds, database_seconds);
    if (!complete) {
      return;
    }
    Write(std::move(output), input.Header("accept-encoding"));
  }

  api::Response Dispatch(const api::Request& input, std::string& route, double& database_seconds) {
    if (input.path == "/healthz") {
      route = "/healthz";
      // Twice: a connection cut since its last use says nothing of the database now. Not
      // after a new connection failed, nor after the database was silent past the deadline.
      for (int attempt = 0; attempt < 2; ++attempt) {
        if (!ThreadSlot()) {
          attempt = 1;  // this attempt opens a new connection: its failure is the answer
        }
        try {
          ThreadDatabase(shared_).Query("SELECT 1", {});
          return api::Response::Json(boost::json::object{{"status", "ok"}, {"database", "ok"}});
        } catch (const store::StoreError& error) {
          DropBrokenDatabase();
          if (error.kind() == store::StoreError::Kind::kNoAnswer) {
            break;  // silent past the deadline: a new connection would wait as long
          }
        } catch (const std::exception&) {
          DropBrokenDatabase();
        }
      }
      return api::Response::Json(
          boost::json::object{{"status", "degraded"}, {"database", "unavailable"}}, 503);
    }
    if (input.path == "/metrics") {
      route = "/metrics";
      // For the monitoring on the same host; the figures say nothing about people, but
      // they are still nobody else's business.
      if (input.remote_address != "127.0.0.1" && input.remote_address != "::1") {
        return api::ErrorResponse(403, "forbidden", "只允许本机读取监控指标");
      }
      api::Response response;
      response.content_type = "text/plain; version=0.0.4; charset=utf-8";
      response.body = shared_.state.metrics.Render();
      return response;
    }
    if (IsApi(input.path)) {
      for (int attempt = 0;; ++attempt) {
        store::TimedDatabase* database = nullptr;
        try {
          database = &ThreadDatabase(shared_);
        } catch (const store::StoreError& error) {
          std::fprintf(stderr, "%s %s: database unavailable: %s\n", input.method.c_str(),
                       input.path.c_str(), error.what());
          return api::StoreErrorResponse(error);
        }
        api::Response response = shared_.api.Handle(input, *database, &route);
        database_seconds += database->TakeSeconds();
        // A connection given up on (the database silent past the deadline) is not asked
        // again: a new one would wait as long.
        const bool cut = !database->Healthy() && !database->GaveUpWaiting();
        DropBrokenDatabase();
        // A read that met a connection cut under it is asked once more, on a new one. A
        // write is not: whether its commit reached the server before the cut cannot be known,
        // and the user is told to try again (503).
        if (cut && attempt == 0 && (input.method == "GET" || input.method == "HEAD")) {
          continue;
        }
        return response;
      }
    }
    if (input.method != "GET" && input.method != "HEAD") {
      return api::ErrorResponse(405, "method_not_allowed", "不支持此请求方法");
    }
    const auto file = ResolveStatic(shared_.options.web_root, input.path);
    if (!file) {
      return api::ErrorResponse(404, "not_found", "页面不存在");
    }
    api::Response response;
    response.file_path = file->path;
    response.content_type = file->content_type;
    response.headers.emplace_back(
        "Cache-Control", file->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return response;
  }

  // The peer of a connection does not change: asked of the kernel once, not per request.
  const std::string& RemoteAddress() {
    if (!remote_address_) {
      beast::error_code error;
      const auto remote = stream_.socket().remote_endpoint(error);
      remote_address_ = error ? "" : remote.address().to_string();
    }
    return *remote_address_;
  }

  // A response is sent a piece at a time, each piece with time of its own: an answer that
  // took long to make (a backup, a province's export) or that is large and goes to a slow
  // phone is never cut off while it moves, and a client that stops taking it is let go after
  // kSendingStall without progress (it would hold the socket, an open file and a stopping
  // server).
  template <typename Body>
  void Send(std::shared_ptr<web::response<Body>> response) {
    SendSome(response, std::make_shared<web::response_serializer<Body>>(*response));
  }

  template <typename Body>
  void SendSome(std::shared_ptr<web::response<Body>> response,
                std::shared_ptr<web::response_serializer<Body>> serializer) {
    stream_.expires_after(std::max(shared_.options.request_timeout, kSendingStall));
    web::async_write_some(
        stream_, *serializer,
        [self = shared_from_this(), response, serializer](beast::error_code error, std::size_t) {
          if (error || serializer->is_done()) {
            return self->OnWrite(error);
          }
          self->SendSome(response, serializer);
        });
  }

  void WriteError(int status, const std::string& code, const std::string& message) {
    keep_alive_ = false;
    Write(api::ErrorResponse(status, code, message), "");
  }

  void Write(api::Response output, const std::string& accept_encoding) {
    // Small files of the web app are read whole, so that they can be compressed too.
    if (!output.file_path.empty()) {
      std::error_code size_error;
      const auto size = std::filesystem::file_size(output.file_path, size_error);
      if (!size_error && size < (8u << 20) && Compressible(output.content_type) &&
          AcceptsGzip(accept_encoding)) {
        std::ifstream in(output.file_path, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        output.body = content.str();
        if (output.delete_file_after) {
          std::filesystem::remove(output.file_path, size_error);
        }
        output.file_path.clear();
      }
    }
    if (output.file_path.empty()) {
      auto response = std::make_shared<web::response<web::string_body>>(
          static_cast<web::status>(output.status), 11);
      Headers(*response, output);
      if (output.body.size() > 1024 && Compressible(output.content_type) &&
          AcceptsGzip(accept_encoding)) {
        if (auto compressed = Gzip(output.body)) {
          output.body = std::move(*compressed);
          response->set(web::field::content_encoding, "gzip");
          response->set(web::field::vary, "Accept-Encoding");
        }
      }
      response->body() = std::move(output.body);
      response->prepare_payload();
      return Send(response);
    }
    auto response = std::make_shared<web::response<web::file_body>>(
        static_cast<web::status>(output.status), 11);
    Headers(*response, output);
    beast::error_code open_error;
    response->body().open(output.file_path.c_str(), beast::file_mode::scan, open_error);
    if (output.delete_file_after) {
      // Unlinked now, read to the end through the open handle, gone when it closes.
      std::error_code ignored;
      std::filesystem::remove(output.file_path, ignored);
    }
    if (open_error) {
      return WriteError(404, "not_found", "文件不存在");
    }
    response->prepare_payload();
    Send(response);
  }

  template <typename Message>
  void Headers(Message& response, const api::Response& output) {
    response.set(web::field::server, "shuanglian");
    if (!output.content_type.empty()) {
      response.set(web::field::content_type, output.content_type);
    }
    for (const auto& [name, value] : output.headers) {
      response.insert(name, value);
    }
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "same-origin");
    if (output.content_type.rfind("application/json", 0) == 0) {
      response.set(web::field::cache_control, "no-store");
    }
    response.keep_alive(keep_alive_);
  }

  void OnWrite(beast::error_code error) {
    if (error) {
      return Close(error);
    }
    if (!keep_alive_ || shared_.stopping) {
      return Close({});
    }
    ReadHeader();
  }

  void Close(beast::error_code) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  bool idle_ = false;  // waiting for the header of a next request
  beast::flat_buffer buffer_;
  std::optional<web::request_parser<web::string_body>> parser_;
  Shared& shared_;
  bool keep_alive_ = false;
  std::optional<std::string> remote_address_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& context, tcp::endpoint endpoint, Shared& shared)
      : context_(context), acceptor_(net::make_strand(context)), shared_(shared) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void Run() { Accept(); }
  void Stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void Accept() {
    acceptor_.async_accept(net::make_strand(context_),
                           beast::bind_front_handler(&Listener::OnAccept, shared_from_this()));
  }

  void OnAccept(beast::error_code error, tcp::socket socket) {
    if (error == net::error::operation_aborted || !acceptor_.is_open()) {
      return;
    }
    if (!error) {
      if (shared_.connections >= shared_.options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);  // over the limit: refused rather than queued forever
      } else {
        std::make_shared<Session>(std::move(socket), shared_)->Run();
      }
    }
    Accept();
  }

  net::io_context& context_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

void RunServer(const ServerOptions& options, api::Api& api, api::ServerState& state,
               const std::function<void(unsigned short port)>& ready) {
  const std::size_t threads = std::max<std::size_t>(1, options.threads);
  net::io_context context(static_cast<int>(threads));
  Shared shared{options, api, state};
  auto listener = std::make_shared<Listener>(
      context, tcp::endpoint(net::ip::make_address(options.address), options.port), shared);
  listener->Run();
  net::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    // Stop accepting; connections end after their current request, idle ones at once;
    // run() then returns.
    shared.stopping = true;
    listener->Stop();
    std::lock_guard lock(shared.sessions_mutex);
    for (const std::weak_ptr<Session>& weak : shared.sessions) {
      if (const auto session = weak.lock()) {
        session->CloseIfIdle();
      }
    }
  });
  if (ready) {
    ready(listener->port());
  }
  std::vector<std::thread> pool;
  for (std::size_t index = 1; index < threads; ++index) {
    pool.emplace_back([&context] { context.run(); });
  }
  context.run();
  for (std::thread& thread : pool) {
    thread.join();
  }
}

}  // namespace shuanglian::http
