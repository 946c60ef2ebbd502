#include "store/progress_ledger.h"

#include <stdexcept>
#include <string>

#include "core/progress.h"

namespace shuanglian::store {

namespace {

void CheckMeasure(std::string_view measure) {
  for (const std::string_view known : core::kProgressMeasures) {
    if (known == measure) {
      return;
    }
  }
  throw std::invalid_argument("unknown progress measure");
}

}  // namespace

void ProgressLedger::Add(std::int64_t helper_id, int year, std::string_view measure,
                         std::int64_t delta) {
  CheckMeasure(measure);  // the column name goes into the statement
  const std::string column(measure);
  database_.Execute("INSERT INTO progress_counters (helper_id, year, " + column +
                        ") VALUES ($1, $2, $3) ON CONFLICT (helper_id, year) DO UPDATE SET " +
                        column + " = progress_counters." + column + " + excluded." + column,
                    {helper_id, year, delta});
}

void ProgressLedger::AddVisit(const std::vector<std::int64_t>& helper_ids, int year,
                              const std::vector<std::int64_t>& household_ids, int delta) {
  for (const std::int64_t helper : helper_ids) {
    for (const std::int64_t household : household_ids) {
      if (delta > 0) {
        const auto rows = database_.Query(
            "INSERT INTO visited_households (helper_id, year, household_id, visits) VALUES ($1, "
            "$2, $3, 1) ON CONFLICT (helper_id, year, household_id) DO UPDATE SET visits = "
            "visited_households.visits + 1 RETURNING visits",
            {helper, year, household});
        if (rows[0].Int(0) == 1) {
          Add(helper, year, "households_visited", 1);
        }
      } else {
        const auto rows = database_.Query(
            "UPDATE visited_households SET visits = visits - 1 WHERE helper_id = $1 AND year = $2 "
            "AND household_id = $3 RETURNING visits",
            {helper, year, household});
        if (!rows.empty() && rows[0].Int(0) <= 0) {
          database_.Execute(
              "DELETE FROM visited_households WHERE helper_id = $1 AND year = $2 AND "
              "household_id = $3",
              {helper, year, household});
          Add(helper, year, "households_visited", -1);
        }
      }
    }
  }
}

void ProgressLedger::Rebuild() {
  // Years are the first four characters of an ISO date, on both backends.
  database_.Execute("DELETE FROM visited_households", {});
  database_.Execute("DELETE FROM progress_counters", {});
  database_.Execute(
      "INSERT INTO visited_households (helper_id, year, household_id, visits) SELECT vh.helper_id, "
      "CAST(substr(v.day, 1, 4) AS INTEGER), x.household_id, count(*) FROM visits v JOIN "
      "visit_helpers vh ON vh.visit_id = v.id JOIN visit_households x ON x.visit_id = v.id GROUP "
      "BY vh.helper_id, CAST(substr(v.day, 1, 4) AS INTEGER), x.household_id",
      {});
  const std::string counts =
      "SELECT helper_id, year, sum(s), sum(h), sum(d), sum(p), sum(g) FROM ("
      "SELECT helper_id, CAST(substr(day, 1, 4) AS INTEGER) AS year, 1 AS s, 0 AS h, 0 AS d, 0 AS "
      "p, 0 AS g FROM stationed_days "
      "UNION ALL SELECT helper_id, year, 0, 1, 0, 0, 0 FROM visited_households "
      "UNION ALL SELECT helper_id, CAST(substr(day, 1, 4) AS INTEGER), 0, 0, 1, 0, 0 FROM "
      "diary_entries "
      "UNION ALL SELECT helper_id, CAST(substr(solved_at, 1, 4) AS INTEGER), 0, 0, 0, 1, 0 FROM "
      "problems WHERE status = 'solved' AND result <> '' "
      "UNION ALL SELECT helper_id, CAST(substr(day, 1, 4) AS INTEGER), 0, 0, 0, 0, 1 FROM "
      "suggestions) x GROUP BY helper_id, year";
  database_.Execute(
      "INSERT INTO progress_counters (helper_id, year, stationed_days, households_visited, "
      "diary_days, problems_solved, suggestions) " +
          counts,
      {});
}

}  // namespace shuanglian::store
