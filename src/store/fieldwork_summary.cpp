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
      Count(database, "suggestions", span, scope, "day", " AND r.adopted <> 0");
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
  // A problem's state on `to`: solved if it was solved by then (solved_at is the business
  // time: the day a ledger says, the moment a form moved it); one solved later was still in
  // hand then; otherwise the state it is in now.
  const std::string next_day = core::Date::FromDaysSinceEpoch(to.DaysSinceEpoch() + 1).ToIso();
  {
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(span, scope, "problems", params, "raised_on");
    const std::string next = Bind(params, next_day);
    const std::string state = "CASE WHEN r.status = 'solved' AND r.solved_at < " + next +
                              " THEN 'solved' WHEN r.status = 'solved' THEN 'in_progress' ELSE "
                              "r.status END";
    for (const RowView row :
         database.Query("SELECT r.category, " + state + ", count(*) FROM problems r" + where +
                            " GROUP BY r.category, " + state + " ORDER BY r.category, " + state,
                        params)) {
      summary.problems.push_back({row.Text(0), row.Text(1), row.Int(2)});
    }
  }
  {
    // Open on the report's day, whenever raised: the whole of the region's history up to it.
    const FieldFilter open = Span(region, core::Date{1900, 1, 1}, to);
    const std::string long_ago =
        core::Date::FromDaysSinceEpoch(to.DaysSinceEpoch() - kProblemLongOpenDays).ToIso();
    std::vector<Param> params;
    const std::string where = FieldRecordWhere(open, scope, "problems", params, "raised_on");
    const std::string day = Bind(params, to.ToIso());
    const std::string since = Bind(params, long_ago);
    const std::string next = Bind(params, next_day);
    const auto row = database.Query(
        "SELECT coalesce(sum(CASE WHEN r.due_date IS NOT NULL AND r.due_date < " + day +
            " THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN r.raised_on < " + since +
            " THEN 1 ELSE 0 END), 0) FROM problems r" + where + " AND (r.status <> 'solved' OR " +
            "r.solved_at IS NULL OR r.solved_at >= " + next + ")",
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
                 where +
                 " GROUP BY r.item, r.measure ORDER BY sum(r.value_fen) DESC, r.item, "
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
