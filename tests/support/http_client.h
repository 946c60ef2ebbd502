#pragma once

// A small HTTP/1.1 client on POSIX sockets for the tests that talk to a running
// `shuanglian serve`: one request per connection by default, keep-alive and raw bytes when a
// test needs them (half-sent bodies, unusual targets), chunked and Content-Length answers,
// and gunzip for compressed ones. No Beast: it is slow to compile and the tests should not
// share the server's HTTP code.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shuanglian::testing {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";  // sent as is: percent-encode it beforehand
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  // 0 when no status line arrived (the connection was closed, reset or timed out first).
  int status = 0;
  std::string reason;
  HttpHeaders headers;
  // The bytes of the body as sent: still compressed when Content-Encoding is gzip.
  std::string body;
  // Why nothing (or not everything) arrived, for failure messages.
  std::string transport_error;

  // The first header of that name (case-insensitive), or "".
  std::string Header(std::string_view name) const;
  std::vector<std::string> HeaderValues(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // Status, headers and the start of the body, for failure messages.
  std::string Describe() const;
};

// One TCP connection to 127.0.0.1:port.
class HttpConnection {
 public:
  explicit HttpConnection(unsigned short port,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  const std::string& connect_error() const { return connect_error_; }

  // Sends bytes; false when the peer has closed or reset the connection.
  bool SendAll(std::string_view bytes);
  // Sends `bytes` in pieces, stopping early when the server has already answered (as it does
  // when it refuses a body that is too large). True when everything was sent.
  bool SendUntilAnswered(std::string_view bytes, std::size_t piece = 64 * 1024);
  // Reads one response; `head` for an answer to HEAD (no body).
  HttpResponse ReadResponse(bool head = false);
  // Sends the request (Content-Length and Host added, keep-alive unless `close`) and reads
  // the answer.
  HttpResponse Exchange(const HttpRequest& request, bool close = false);
  // Has anything (bytes, or the end of the stream) arrived within `wait`?
  bool Readable(std::chrono::milliseconds wait);
  // Waits up to `wait` for the server to close the connection: true when it did.
  bool WaitForClose(std::chrono::milliseconds wait);
  void Close();

 private:
  bool Fill();  // reads more bytes into buffer_; false at end of stream or on error
  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string buffer_;
  std::string connect_error_;
  std::string last_error_;
};

// The request as bytes on the wire, with Host and Content-Length (when there is a body or
// the method sends one) and Connection: close unless `keep_alive`.
std::string SerializeRequest(const HttpRequest& request, bool keep_alive);

// One request on a fresh connection, closed afterwards.
HttpResponse HttpSend(unsigned short port, const HttpRequest& request,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Raw bytes on a fresh connection, and the one answer they get.
HttpResponse HttpSendRaw(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30));

// The content of a gzip stream; nothing when it is not one.
std::optional<std::string> Gunzip(std::string_view compressed);

// Percent-encodes everything but unreserved characters (RFC 3986), for query values and
// path segments.
std::string UrlEncode(std::string_view text);

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and closed).
unsigned short FreePort();

}  // namespace shuanglian::testing
