#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shuanglian::api {

// An HTTP request as the handlers see it: no socket, no Beast types.
struct Request {
  std::string method;  // GET, POST ...
  std::string path;    // /api/v1/households/620902108200001, percent-decoded
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool body_complete = true;  // false: the client went away mid-body (see /api/v1/sync)
  std::string remote_address;

  std::string Header(const std::string& name) const;
  std::string Cookie(const std::string& name) const;
  std::string QueryValue(const std::string& name) const;
};

// What a handler answers. A file answer names a file the HTTP layer streams and may delete.
struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file_path;
  bool delete_file_after = false;

  static Response Json(const boost::json::value& value, int status = 200);
  static Response JsonText(std::string text, int status = 200);
  static Response NoContent();
};

// An expected refusal, turned into the error envelope {"error": {"code","message","details"}}
// by the one dispatcher that catches it.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message,
           boost::json::value details = nullptr)
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        details_(std::move(details)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const boost::json::value& details() const { return details_; }

 private:
  int status_;
  std::string code_;
  boost::json::value details_;
};

Response ErrorResponse(int status, const std::string& code, const std::string& message,
                       const boost::json::value& details = nullptr);

// Percent-decodes a URL component; nothing when it is malformed.
bool PercentDecode(std::string_view text, std::string& out, bool plus_is_space);
// Splits "a=1&b=%E6%B3%89" into decoded pairs; false on malformed escapes.
bool ParseQueryString(std::string_view text, std::map<std::string, std::string>& out);

// The refusal (400, naming the parameter) of a request whose decoded path or query holds
// text no handler may pass on: bytes that are not UTF-8 (%FF), or a NUL (%00). Nothing when
// the text is sound.
std::optional<Response> RefuseUnsoundText(const Request& request);

}  // namespace shuanglian::api
