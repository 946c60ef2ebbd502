#include "api/progress_json.h"

#include <boost/json.hpp>

namespace shuanglian::api {

namespace {

boost::json::object RollupJson(const fieldwork::ProgressRollup& rollup) {
  boost::json::object out = CountsJson(rollup.totals);
  out["key"] = rollup.key;
  out["name"] = rollup.name;
  out["cadres"] = rollup.cadres;
  out["behind_pace"] = rollup.behind_pace;
  return out;
}

}  // namespace

boost::json::object CountsJson(const core::ProgressCounts& counts) {
  return boost::json::object{{"stationed_days", counts.stationed_days},
                             {"households_visited", counts.households_visited},
                             {"diary_days", counts.diary_days},
                             {"problems_solved", counts.problems_solved},
                             {"suggestions", counts.suggestions}};
}

boost::json::object ProgressToJson(const fieldwork::ProgressReport& report) {
  boost::json::array cadres;
  for (const fieldwork::CadreProgress& entry : report.cadres) {
    boost::json::object cadre = CountsJson(entry.cadre.counts);
    cadre["helper_id"] = entry.cadre.helper_id;
    cadre["name"] = entry.cadre.name;
    cadre["unit"] = entry.cadre.unit_name;
    cadre["behind_pace"] = entry.behind_pace;
    cadres.push_back(std::move(cadre));
  }
  boost::json::array units;
  for (const auto& unit : report.by_unit) {
    units.push_back(RollupJson(unit));
  }
  boost::json::array regions;
  for (const auto& region : report.by_region) {
    regions.push_back(RollupJson(region));
  }
  boost::json::object targets = CountsJson(report.targets.yearly);
  targets["max_visits_per_day"] = report.targets.max_visits_per_day;
  targets["set_at"] = report.targets_from.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(report.targets_from);
  return boost::json::object{
      {"region", boost::json::object{{"code", report.region_code}, {"name", report.region_name}}},
      {"year", report.year},
      {"targets", targets},
      {"expected_by_today", CountsJson(report.expected)},
      {"totals", RollupJson(report.all)},
      {"by_unit", units},
      {"by_region", regions},
      {"cadres_total", report.cadres_listed_total},
      {"cadres", cadres}};
}

boost::json::object IntegrityToJson(const fieldwork::IntegrityReport& report) {
  boost::json::object counts;
  for (const auto& [check, count] : report.counts) {
    counts[check] = count;
  }
  boost::json::array findings;
  for (const fieldwork::Finding& finding : report.findings) {
    boost::json::array records;
    for (const std::string& record : finding.records) {
      records.emplace_back(record);
    }
    findings.push_back(boost::json::object{
        {"check", finding.check},
        {"message", finding.message},
        {"helper", finding.helper_id
                       ? boost::json::value(boost::json::object{{"id", *finding.helper_id},
                                                                {"name", finding.helper_name}})
                       : boost::json::value(nullptr)},
        {"day",
         finding.day.empty() ? boost::json::value(nullptr) : boost::json::value(finding.day)},
        {"records", records},
        {"score", finding.score}});
  }
  return boost::json::object{{"region", report.region_code},
                             {"year", report.year},
                             {"counts", counts},
                             {"findings", findings}};
}

}  // namespace shuanglian::api
