#include "store/sql_util.h"

namespace shuanglian::store {

std::string Placeholders(std::size_t first, std::size_t count) {
  std::string out;
  for (std::size_t index = 0; index < count; ++index) {
    out += (index ? ", $" : "$") + std::to_string(first + index);
  }
  return out;
}

}  // namespace shuanglian::store

namespace shuanglian::store {

std::string ContainsPattern(const std::string& text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') {
      pattern.push_back('\\');
    }
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

}  // namespace shuanglian::store
