#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace shuanglian::testing {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t index = 0; index < a.size(); ++index) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[index]) != lower(b[index])) {
      return false;
    }
  }
  return true;
}

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

bool HasHeaderIn(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      return value;
    }
  }
  return {};
}

std::vector<std::string> HttpResponse::HeaderValues(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      values.push_back(value);
    }
  }
  return values;
}

bool HttpResponse::HasHeader(std::string_view name) const {
  return HasHeaderIn(headers, name);
}

std::string HttpResponse::Describe() const {
  std::string text = "HTTP " + std::to_string(status) + " " + reason + "\n";
  if (!transport_error.empty()) {
    text += "(transport: " + transport_error + ")\n";
  }
  for (const auto& [key, value] : headers) {
    text += key + ": " + value + "\n";
  }
  text += "\n" + body.substr(0, 2000);
  if (body.size() > 2000) {
    text += "... (" + std::to_string(body.size()) + " bytes)";
  }
  return text;
}

HttpConnection::HttpConnection(unsigned short port, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    connect_error_ = std::string("socket: ") + std::strerror(errno);
    return;
  }
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    connect_error_ = std::string("connect: ") + std::strerror(errno);
    close(fd_);
    fd_ = -1;
  }
}

HttpConnection::~HttpConnection() {
  Close();
}

void HttpConnection::Close() {
  if (fd_ >= 0) {
    close(fd_);
    fd_ = -1;
  }
}

bool HttpConnection::SendAll(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) {
      return false;
    }
    const ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) {
        continue;
      }
      last_error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool HttpConnection::SendUntilAnswered(std::string_view bytes, std::size_t piece) {
  while (!bytes.empty()) {
    pollfd readable{fd_, POLLIN, 0};
    if (poll(&readable, 1, 0) > 0) {
      return false;  // the server has answered (or closed): stop sending
    }
    const std::size_t size = std::min(piece, bytes.size());
    if (!SendAll(bytes.substr(0, size))) {
      return false;
    }
    bytes.remove_prefix(size);
  }
  return true;
}

bool HttpConnection::Fill() {
  if (fd_ < 0) {
    last_error_ = "not connected";
    return false;
  }
  pollfd readable{fd_, POLLIN, 0};
  const int ready = poll(&readable, 1, static_cast<int>(timeout_.count()));
  if (ready == 0) {
    last_error_ = "timed out after " + std::to_string(timeout_.count()) + " ms";
    return false;
  }
  if (ready < 0) {
    last_error_ = std::string("poll: ") + std::strerror(errno);
    return false;
  }
  char chunk[64 * 1024];
  const ssize_t received = recv(fd_, chunk, sizeof chunk, 0);
  if (received < 0) {
    last_error_ = std::string("recv: ") + std::strerror(errno);
    return false;
  }
  if (received == 0) {
    last_error_ = "connection closed by the server";
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(received));
  return true;
}

HttpResponse HttpConnection::ReadResponse(bool head) {
  HttpResponse response;
  std::size_t header_end = std::string::npos;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) {
      response.transport_error = last_error_;
      return response;
    }
  }
  const std::string header_text = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  std::size_t line_end = header_text.find("\r\n");
  const std::string status_line = header_text.substr(0, line_end);
  // HTTP/1.1 200 OK
  const auto first_space = status_line.find(' ');
  if (first_space == std::string::npos || status_line.rfind("HTTP/", 0) != 0) {
    response.transport_error = "bad status line: " + status_line;
    return response;
  }
  response.status = std::atoi(status_line.c_str() + first_space + 1);
  const auto second_space = status_line.find(' ', first_space + 1);
  if (second_space != std::string::npos) {
    response.reason = status_line.substr(second_space + 1);
  }
  while (line_end != std::string::npos) {
    const std::size_t start = line_end + 2;
    line_end = header_text.find("\r\n", start);
    const std::string line = header_text.substr(
        start, line_end == std::string::npos ? std::string::npos : line_end - start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      response.headers.emplace_back(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
    }
  }
  if (head || response.status == 204 || response.status == 304 ||
      (response.status >= 100 && response.status < 200)) {
    return response;
  }
  if (EqualsIgnoreCase(response.Header("transfer-encoding"), "chunked")) {
    while (true) {
      std::size_t size_end;
      while ((size_end = buffer_.find("\r\n")) == std::string::npos) {
        if (!Fill()) {
          response.transport_error = "chunked body cut short: " + last_error_;
          return response;
        }
      }
      const std::size_t size = std::stoul(buffer_.substr(0, size_end), nullptr, 16);
      buffer_.erase(0, size_end + 2);
      if (size == 0) {
        // Trailers (none expected) end with an empty line.
        while (buffer_.find("\r\n") == std::string::npos) {
          if (!Fill()) {
            return response;
          }
        }
        buffer_.erase(0, buffer_.find("\r\n") + 2);
        return response;
      }
      while (buffer_.size() < size + 2) {
        if (!Fill()) {
          response.transport_error = "chunked body cut short: " + last_error_;
          return response;
        }
      }
      response.body.append(buffer_, 0, size);
      buffer_.erase(0, size + 2);
    }
  }
  if (response.HasHeader("content-length")) {
    const std::size_t length = std::stoull(response.Header("content-length"));
    while (buffer_.size() < length) {
      if (!Fill()) {
        response.transport_error = "body cut short at " + std::to_string(buffer_.size()) + " of " +
                                   std::to_string(length) + " bytes: " + last_error_;
        response.body = buffer_;
        buffer_.clear();
        return response;
      }
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return response;
  }
  // Neither: the body runs to the end of the connection.
  while (Fill()) {
  }
  response.body = std::move(buffer_);
  buffer_.clear();
  return response;
}

HttpResponse HttpConnection::Exchange(const HttpRequest& request, bool close) {
  if (!connected()) {
    HttpResponse response;
    response.transport_error = connect_error_;
    return response;
  }
  if (!SendAll(SerializeRequest(request, !close))) {
    // The server may have answered before reading everything (a body too large).
    HttpResponse response = ReadResponse(request.method == "HEAD");
    if (response.status == 0) {
      response.transport_error = last_error_;
    }
    return response;
  }
  return ReadResponse(request.method == "HEAD");
}

bool HttpConnection::Readable(std::chrono::milliseconds wait) {
  if (!buffer_.empty()) {
    return true;
  }
  pollfd readable{fd_, POLLIN, 0};
  return fd_ >= 0 && poll(&readable, 1, static_cast<int>(wait.count())) > 0;
}

bool HttpConnection::WaitForClose(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (fd_ >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    pollfd readable{fd_, POLLIN, 0};
    const int ready = poll(&readable, 1, static_cast<int>(left.count()));
    if (ready <= 0) {
      continue;
    }
    char chunk[4096];
    const ssize_t received = recv(fd_, chunk, sizeof chunk, 0);
    if (received <= 0) {
      return true;
    }
    buffer_.append(chunk, static_cast<std::size_t>(received));
  }
  return true;
}

std::string SerializeRequest(const HttpRequest& request, bool keep_alive) {
  std::string text = request.method + " " + request.target + " HTTP/1.1\r\n";
  if (!HasHeaderIn(request.headers, "host")) {
    text += "Host: 127.0.0.1\r\n";
  }
  for (const auto& [name, value] : request.headers) {
    text += name + ": " + value + "\r\n";
  }
  const bool sends_body = !request.body.empty() || request.method == "POST" ||
                          request.method == "PUT" || request.method == "PATCH";
  if (sends_body && !HasHeaderIn(request.headers, "content-length")) {
    text += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  if (!HasHeaderIn(request.headers, "connection")) {
    text += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  }
  text += "\r\n";
  text += request.body;
  return text;
}

HttpResponse HttpSend(unsigned short port, const HttpRequest& request,
                      std::chrono::milliseconds timeout) {
  HttpConnection connection(port, timeout);
  return connection.Exchange(request, true);
}

HttpResponse HttpSendRaw(unsigned short port, std::string_view bytes,
                         std::chrono::milliseconds timeout) {
  HttpConnection connection(port, timeout);
  HttpResponse response;
  if (!connection.connected()) {
    response.transport_error = connection.connect_error();
    return response;
  }
  connection.SendAll(bytes);
  return connection.ReadResponse();
}

std::optional<std::string> Gunzip(std::string_view compressed) {
  z_stream stream{};
  // 15 window bits + 16: a gzip header and trailer, nothing else accepted.
  if (inflateInit2(&stream, 15 + 16) != Z_OK) {
    return std::nullopt;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char chunk[64 * 1024];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return std::nullopt;
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    }
  }
  return out;
}

unsigned short FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string error = std::strerror(errno);
    close(fd);
    throw std::runtime_error("bind: " + error);
  }
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace shuanglian::testing
