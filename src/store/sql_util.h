#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/result_set.h"
#include "store/value.h"

namespace shuanglian::store {

// "$first, $first+1, ..." for an IN list of `count` parameters.
std::string Placeholders(std::size_t first, std::size_t count);

// Appends `value` to `params` and answers its placeholder ("$3"): conditions built piece by
// piece stay numbered right.
std::string Bind(std::vector<Param>& params, Param value);

// Keys looked up per statement in IN lists: small enough for any backend's parameter limit.
inline constexpr std::size_t kLookupChunk = 500;

}  // namespace shuanglian::store

namespace shuanglian::store {

// A LIKE pattern that finds `text` anywhere, with %, _ and \ in it taken literally. Use with
// "LIKE $n ESCAPE '\'".
std::string ContainsPattern(const std::string& text);

}  // namespace shuanglian::store

namespace shuanglian::store {

// "(CAST($1 AS BIGINT), CAST($2 AS TEXT)), (...)" for a VALUES list of `rows` rows whose
// columns have the given SQL types; the casts let PostgreSQL type the parameters, and
// SQLite accepts them. For set-based updates: WITH d(a, b) AS (VALUES ...) UPDATE ... FROM d.
std::string ValuesRows(std::size_t first, std::size_t rows, const std::vector<std::string>& types);

}  // namespace shuanglian::store

namespace shuanglian::store {

class Database;

// Runs `head + VALUES list + tail` once per chunk of rows: set-based writes of many rows in
// a few statements (one round trip each on PostgreSQL). `fixed` parameters come first as
// $1..$k; each row's values follow with the given column types.
void ExecuteWithValues(Database& database, std::string_view head, std::string_view tail,
                       const std::vector<Param>& fixed, const std::vector<std::string>& types,
                       const std::vector<std::vector<Param>>& rows);

// Updates rows by id, many in a statement: each of `rows` holds the values of `columns` (of
// the given SQL types) and then the id of the row they go to. `updated` hears the id of each
// row updated; a row deleted meanwhile is not heard of. The rows are taken to be sorted by id
// (see the definition).
void UpdateByIdFromValues(Database& database, std::string_view table,
                          const std::vector<std::string>& columns,
                          const std::vector<std::string>& types,
                          std::vector<std::vector<Param>> rows,
                          const std::function<void(std::int64_t)>& updated);

// Runs `before + "$1, $2, ..." + after` once per kLookupChunk of `keys`, the parameters of an
// IN list that `before` opens and `after` closes, and hands every row answered to `each`:
// lookups of thousands of keys in a few statements, within any backend's parameter limit.
void QueryInChunks(Database& database, std::string_view before, std::string_view after,
                   std::span<const Param> keys, const std::function<void(const RowView&)>& each);

}  // namespace shuanglian::store
