#pragma once

#include <cstddef>
#include <string>

namespace shuanglian::store {

// "$first, $first+1, ..." for an IN list of `count` parameters.
std::string Placeholders(std::size_t first, std::size_t count);

// Keys looked up per statement in IN lists: small enough for any backend's parameter limit.
inline constexpr std::size_t kLookupChunk = 500;

}  // namespace shuanglian::store

namespace shuanglian::store {

// A LIKE pattern that finds `text` anywhere, with %, _ and \ in it taken literally. Use with
// "LIKE $n ESCAPE '\'".
std::string ContainsPattern(const std::string& text);

}  // namespace shuanglian::store
