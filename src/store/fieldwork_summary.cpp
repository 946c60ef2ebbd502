#include "store/fieldwork_summary.h"

#include <algorithm>

#include "store/fieldwork_where.h"
#include "store/sql_util.h"

namespace shuanglian::store {

namespace {

FieldFilter Span(const std::string& region, const core::Date& from, const core::Date& to) {
  FieldFilter filter;
  filter.region = region;
  filter.from_day = from.ToIso();
  filter.to_day = to.ToIso();
  return filter;
}

std::int64_t Count(Database& database, std::string_view table, const FieldFilter& filter,
                   const DataScope& scope, std::string_view day_column,
                   std::string_view extra_condition = {}) {
  std::vector<Param> params;
  const std::string where = FieldRecordWhere(filter, scope, table, params, day_column);
  return database
      .Query("SELECT count(*) FROM " + std::string(table) + " r" + where +
                 std::string(extra_condition),
             params)[0]
      .Int(0);
}

}  // namespace

FieldworkSummary SummarizeFieldwork(Database& database, const std::string& region,
                                    const core::Date& from, const core::Date& to,
                                    const DataScope& scope) {
  const FieldFilter span = Span(region, from, to);
  FieldworkSummary summary;
  summary.stationed_days = Count(database, "stationed_days", span, scope, "day");
  summary.diary_entries = Count(database, "diary_entries", span, scope, "day");
  summary.suggestions = Count(database, "suggestions", span, scope, "day");
  summary.suggestions_adopted =
      Count(database, "suggestions", span, scope, "day", " AND r.adopted = 1");
  {
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(span, scope, "visits", params, "day");
    summary.visits = database.Query("SELECT count(*) FROM visits r" + where, params)[0].Int(0);
    const auto households = database.Query(
        "SELECT count(*), count(DISTINCT vh.household_id) FROM visits r JOIN visit_households vh "
        "ON vh.visit_id = r.id" +
            where,
        params);
    summary.household_visits = households[0].Int(0);
    summary.households_visited = households[0].Int(1);
  }
  {
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(span, scope, "problems", params, "raised_on");
    for (const RowView row :
         database.Query("SELECT r.category, r.status, count(*) FROM problems r" + where +
                            " GROUP BY r.category, r.status ORDER BY r.category, r.status",
                        params)) {
      summary.problems.push_back({row.Text(0), row.Text(1), row.Int(2)});
    }
  }
  {
    // Open on the report's day, whenever raised: the whole of the region's history up to it.
    FieldFilter open = Span(region, core::Date{1900, 1, 1}, to);
    const std::string day = to.ToIso();
    const std::string long_ago =
        core::Date::FromDaysSinceEpoch(to.DaysSinceEpoch() - kProblemLongOpenDays).ToIso();
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(open, scope, "problems", params, "raised_on");
    const std::string due = Bind(params, day);
    const std::string since = Bind(params, long_ago);
    const auto row = database.Query(
        "SELECT coalesce(sum(CASE WHEN r.due_date IS NOT NULL AND r.due_date < " + due +
            " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN r.raised_on < " + since +
            " THEN 1 ELSE 0 END), 0) FROM problems r" + where + " AND r.status <> 'solved'",
        params);
    summary.problems_past_due = row[0].Int(0);
    summary.problems_open_long = row[0].Int(1);
  }
  {
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(span, scope, "aid", params, "day");
    for (const RowView row : database.Query(
             "SELECT r.item, r.measure, count(*), sum(r.quantity_milli), sum(r.value_fen) FROM "
             "aid r" +
                 where + " GROUP BY r.item, r.measure ORDER BY sum(r.value_fen) DESC, r.item, "
                         "r.measure",
             params)) {
      summary.aid.push_back({row.Text(0), row.Text(1), row.Int(2), row.Int(3), row.Int(4)});
      summary.aid_records += row.Int(2);
      summary.aid_value_fen += row.Int(4);
    }
  }
  return summary;
}

}  // namespace shuanglian::store
