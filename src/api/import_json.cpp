#include "api/import_json.h"

#include <boost/json.hpp>

namespace shuanglian::api {

boost::json::value ImportSummaryToJson(const ingest::ImportSummary& summary) {
  boost::json::array warnings;
  for (const std::string& warning : summary.warnings) {
    warnings.emplace_back(warning);
  }
  boost::json::array errors;
  for (const ingest::ImportError& error : summary.errors) {
    errors.push_back(boost::json::object{{"row", error.row},
                                         {"column", error.column},
                                         {"code", error.code},
                                         {"message", error.message}});
  }
  boost::json::object out{{"file", summary.file},
                          {"format", summary.format},
                          {"job", summary.job},
                          {"rows", summary.rows},
                          {"imported", summary.imported},
                          {"updated", summary.updated},
                          {"unchanged", summary.unchanged},
                          {"rejected", summary.rejected},
                          {"committed", summary.committed},
                          {"warnings", warnings},
                          {"errors", errors}};
  if (summary.errors_omitted > 0) {
    out["errors_omitted"] = summary.errors_omitted;
  }
  return out;
}

}  // namespace shuanglian::api
