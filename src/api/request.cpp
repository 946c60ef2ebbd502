#include "api/request.h"

#include <boost/json.hpp>

#include "api/json_text.h"
#include "core/text.h"

namespace shuanglian::api {

std::string Request::Header(const std::string& name) const {
  const auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

std::string Request::Cookie(const std::string& name) const {
  const std::string cookies = Header("cookie");
  std::size_t start = 0;
  while (start < cookies.size()) {
    auto end = cookies.find(';', start);
    if (end == std::string::npos) {
      end = cookies.size();
    }
    std::string_view pair = std::string_view(cookies).substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    start = end + 1;
  }
  return {};
}

std::string Request::QueryValue(const std::string& name) const {
  const auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

Response Response::Json(const boost::json::value& value, int status) {
  Response response;
  response.status = status;
  response.body = ToJsonText(value);
  return response;
}

Response Response::JsonText(std::string text, int status) {
  Response response;
  response.status = status;
  response.body = std::move(text);
  return response;
}

Response Response::NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response ErrorResponse(int status, const std::string& code, const std::string& message,
                       const boost::json::value& details) {
  return Response::Json(boost::json::object{{"error", boost::json::object{{"code", code},
                                                                          {"message", message},
                                                                          {"details", details}}}},
                        status);
}

bool PercentDecode(std::string_view text, std::string& out, bool plus_is_space) {
  out.clear();
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (c == '%') {
      if (index + 2 >= text.size()) {
        return false;
      }
      const auto hex = [](char digit) -> int {
        if (digit >= '0' && digit <= '9')
          return digit - '0';
        if (digit >= 'a' && digit <= 'f')
          return digit - 'a' + 10;
        if (digit >= 'A' && digit <= 'F')
          return digit - 'A' + 10;
        return -1;
      };
      const int high = hex(text[index + 1]);
      const int low = hex(text[index + 2]);
      if (high < 0 || low < 0) {
        return false;
      }
      out.push_back(static_cast<char>(high * 16 + low));
      index += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool ParseQueryString(std::string_view text, std::map<std::string, std::string>& out) {
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto end = text.find('&', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view pair = text.substr(start, end - start);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      std::string key;
      std::string value;
      if (!PercentDecode(pair.substr(0, equals), key, true) ||
          !PercentDecode(
              equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1),
              value, true)) {
        return false;
      }
      out[key] = value;
    }
    start = end + 1;
    if (end == text.size()) {
      break;
    }
  }
  return true;
}

// Percent-decoding gives any bytes. Passed on, bytes that are not UTF-8 make PostgreSQL
// refuse the whole statement (invalid byte sequence for encoding "UTF8": a 500), and SQLite
// match nothing and echo them into JSON that is then not UTF-8 either; a NUL, which no
// PostgreSQL text holds, fails the request too. Refused here, once, for every route, with
// the parameter named.
std::optional<Response> RefuseUnsoundText(const Request& request) {
  const auto unsound = [](std::string_view text) -> const char* {
    if (!core::IsValidUtf8(text)) {
      return "不是有效的 UTF-8 文本";
    }
    if (text.find('\0') != std::string_view::npos) {
      return "含有空字符（%00）";
    }
    return nullptr;
  };
  const auto refuse = [](const std::string& field, const std::string& message) {
    return ErrorResponse(400, "bad_parameter", message,
                         boost::json::array{boost::json::object{
                             {"field", field}, {"code", "bad_encoding"}, {"message", message}}});
  };
  if (const char* why = unsound(request.path)) {
    return refuse("path", std::string("请求路径") + why + "，请检查地址中的编号");
  }
  for (const auto& [name, value] : request.query) {
    if (const char* why = unsound(name)) {
      // The name itself is not echoed: it is not text.
      return refuse("query", std::string("查询参数的名称") + why);
    }
    if (const char* why = unsound(value)) {
      return refuse(name, "参数 " + name + " 的值" + why);
    }
  }
  return std::nullopt;
}

}  // namespace shuanglian::api
