#include "store/sql_util.h"

#include <algorithm>

#include "store/database.h"

namespace shuanglian::store {

std::string Bind(std::vector<Param>& params, Param value) {
  // SQL built piece by piece runs after the pieces' sources are gone (a scope made for one
  // expression, a code computed on the spot): the text is copied, never viewed.
  if (value.is_text()) {
    value = Param(std::string(value.as_text()));
  }
  params.push_back(std::move(value));
  return "$" + std::to_string(params.size());
}

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

namespace shuanglian::store {

std::string ValuesRows(std::size_t first, std::size_t rows, const std::vector<std::string>& types) {
  std::string out;
  std::size_t parameter = first;
  for (std::size_t row = 0; row < rows; ++row) {
    out += row ? ", (" : "(";
    for (std::size_t column = 0; column < types.size(); ++column) {
      out += (column ? ", CAST($" : "CAST($") + std::to_string(parameter++) + " AS " +
             types[column] + ")";
    }
    out += ")";
  }
  return out;
}

}  // namespace shuanglian::store

namespace shuanglian::store {

namespace {

// Hands `run` each statement of `head + VALUES list + tail`, with its parameters, for the rows
// chunk by chunk.
void ForEachValuesChunk(
    std::string_view head, std::string_view tail, const std::vector<Param>& fixed,
    const std::vector<std::string>& types, const std::vector<std::vector<Param>>& rows,
    const std::function<void(const std::string&, const std::vector<Param>&)>& run) {
  // Under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
  const std::size_t per_statement =
      std::max<std::size_t>(1, 4000 / std::max<std::size_t>(1, types.size()));
  for (std::size_t start = 0; start < rows.size(); start += per_statement) {
    const std::size_t count = std::min(per_statement, rows.size() - start);
    std::vector<Param> params = fixed;
    for (std::size_t row = start; row < start + count; ++row) {
      params.insert(params.end(), rows[row].begin(), rows[row].end());
    }
    run(std::string(head) + ValuesRows(fixed.size() + 1, count, types) + std::string(tail), params);
  }
}

}  // namespace

void ExecuteWithValues(Database& database, std::string_view head, std::string_view tail,
                       const std::vector<Param>& fixed, const std::vector<std::string>& types,
                       const std::vector<std::vector<Param>>& rows) {
  ForEachValuesChunk(head, tail, fixed, types, rows,
                     [&](const std::string& sql, const std::vector<Param>& params) {
                       database.Execute(sql, params);
                     });
}

void UpdateByIdFromValues(Database& database, std::string_view table,
                          const std::vector<std::string>& columns,
                          const std::vector<std::string>& types,
                          std::vector<std::vector<Param>> rows,
                          const std::function<void(std::int64_t)>& updated) {
  // The target's id is the last value of each row. SQLite takes UPDATE ... FROM (3.33) and
  // RETURNING (3.35) as PostgreSQL does; RETURNING names the updated table's own id.
  std::string names;
  std::string assignments;
  for (const std::string& column : columns) {
    names += column + ", ";
    assignments += (assignments.empty() ? "" : ", ") + column + " = d." + column;
  }
  std::vector<std::string> all_types = types;
  all_types.emplace_back("BIGINT");
  // In id order: two imports that update some of the same rows lock them in the same order,
  // so that neither waits for a row the other holds while holding one the other wants.
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.back().as_int() < b.back().as_int(); });
  const std::string table_name(table);
  ForEachValuesChunk("WITH d(" + names + "target) AS (VALUES ",
                     ") UPDATE " + table_name + " SET " + assignments + " FROM d WHERE " +
                         table_name + ".id = d.target RETURNING " + table_name + ".id",
                     {}, all_types, rows,
                     [&](const std::string& sql, const std::vector<Param>& params) {
                       for (const RowView row : database.Query(sql, params)) {
                         updated(row.Int(0));
                       }
                     });
}

void QueryInChunks(Database& database, std::string_view before, std::string_view after,
                   std::span<const Param> keys, const std::function<void(const RowView&)>& each) {
  for (std::size_t start = 0; start < keys.size(); start += kLookupChunk) {
    const std::size_t count = std::min(kLookupChunk, keys.size() - start);
    for (const RowView row :
         database.Query(std::string(before) + Placeholders(1, count) + std::string(after),
                        Params(keys.data() + start, count))) {
      each(row);
    }
  }
}

}  // namespace shuanglian::store
