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

// As Boost.JSON escapes text (the same bytes), without a string of its own per call: the
// keys and values of a list's answer were hundreds of small allocations.
void AppendString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t index = 0; index < text.size(); ++index) {
    const auto c = static_cast<unsigned char>(text[index]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(text.data() + plain, index - plain);
    plain = index + 1;
    out.push_back('\\');
    switch (c) {
      case '"':
      case '\\':
        out.push_back(static_cast<char>(c));
        break;
      case '\b':
        out.push_back('b');
        break;
      case '\t':
        out.push_back('t');
        break;
      case '\n':
        out.push_back('n');
        break;
      case '\f':
        out.push_back('f');
        break;
      case '\r':
        out.push_back('r');
        break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out.push_back('"');
}

template <typename Integer>
void AppendInteger(std::string& out, Integer number) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
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
        AppendString(out, std::string_view(key.data(), key.size()));
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
    case boost::json::kind::string: {
      const boost::json::string& text = value.get_string();
      AppendString(out, std::string_view(text.data(), text.size()));
      break;
    }
    case boost::json::kind::int64:
      AppendInteger(out, value.get_int64());
      break;
    case boost::json::kind::uint64:
      AppendInteger(out, value.get_uint64());
      break;
    case boost::json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::null:
      out += "null";
      break;
  }
}

}  // namespace

std::string ToJsonText(const boost::json::value& value) {
  std::string out;
  out.reserve(4096);
  Append(out, value);
  return out;
}

}  // namespace shuanglian::api
