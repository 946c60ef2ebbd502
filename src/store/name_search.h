#pragma once

#include <string>
#include <string_view>

#include "store/database.h"

namespace shuanglian::store {

// The condition "`column` contains the search", for a parameter `placeholder` ($n) bound to
// ContainsPattern(search): the same matches on both backends, Latin letters A-Z matching
// either case, every other character only itself, and %, _ and \ of the search literal
// (ContainsPattern escapes them with \, the ESCAPE named here on both).
// - SQLite's LIKE ignores the case of ASCII letters and of nothing else (without ICU).
// - PostgreSQL's LIKE ignores no case, and its lower() follows the database's locale, which
//   (C.UTF-8, zh_CN.UTF-8) lowers full-width and accented letters too. Under the "C"
//   collation lower() maps A-Z alone: both sides are lowered so.
// No index serves such a search on either backend, before or since: the pattern begins with
// %, so the rows the other conditions leave are read and compared one by one.
inline std::string ContainsIgnoringAsciiCase(Backend backend, std::string_view column,
                                             std::string_view placeholder) {
  if (backend == Backend::kPostgres) {
    return "lower(" + std::string(column) + " COLLATE \"C\") LIKE lower(CAST(" +
           std::string(placeholder) + " AS TEXT) COLLATE \"C\") ESCAPE '\\'";
  }
  return std::string(column) + " LIKE " + std::string(placeholder) + " ESCAPE '\\'";
}

}  // namespace shuanglian::store
