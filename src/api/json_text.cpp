#include "api/json_text.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace shuanglian::api {

namespace {

void AppendNumber(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  char buffer[64];
  // Fixed notation keeps 15000 and 0.05 readable; shortest round-trip digits keep it exact.
  auto result = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  if (result.ec != std::errc()) {
    result = std::to_chars(buffer, buffer + sizeof buffer, number);
  }
  out.append(buffer, result.ptr);
}

void Append(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : value.get_object()) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        out += boost::json::serialize(boost::json::string_view(key));
        out.push_back(':');
        Append(out, member);
      }
      out.push_back('}');
      break;
    }
    case boost::json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) {
          out.push_back(',');
        }
        first = false;
        Append(out, element);
      }
      out.push_back(']');
      break;
    }
    case boost::json::kind::double_:
      AppendNumber(out, value.get_double());
      break;
    default:
      out += boost::json::serialize(value);
      break;
  }
}

}  // namespace

std::string ToJsonText(const boost::json::value& value) {
  std::string out;
  Append(out, value);
  return out;
}

}  // namespace shuanglian::api
