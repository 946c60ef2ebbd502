// The progress report (进展情况汇报) of a region: shown on the page as JSON, downloaded as a
// Word document, an HTML page to print, or Markdown.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/export.h"
#include "api/period_params.h"
#include "api/report_json.h"
#include "api/visible_region.h"
#include "report/progress_report.h"

namespace shuanglian::api {

namespace {

Response ProgressReport(Context& context) {
  context.Require("stats:report:export");
  // The whole region's report: a region the user sees whole (admin, office, leader).
  const store::Region region = VisibleRegionParam(context);
  const std::string format = context.request().QueryValue("format");
  if (!format.empty() && format != "json" && format != "docx" && format != "html" &&
      format != "md") {
    throw ApiError(
        400, "bad_parameter", "format 应为 json、docx、html 或 md",
        boost::json::array{boost::json::object{{"field", "format"}, {"code", "bad_parameter"}}});
  }
  const core::Date as_of = AsOf(context);
  const int year = YearOf(context);
  report::ProgressFacts facts;
  try {
    facts = report::GatherProgressFacts(context.db(), region.code, year, as_of, context.scope(),
                                        context.state().dictionaries);
  } catch (const report::ReportRefused& refused) {
    if (refused.not_found()) {
      throw ApiError(404, "not_found", refused.what());
    }
    throw ApiError(400, "bad_parameter", refused.what(),
                   boost::json::array{
                       boost::json::object{{"field", refused.field()}, {"code", "bad_parameter"}}});
  }
  const report::Document document =
      report::ComposeProgressReport(facts, context.state().dictionaries);
  if (format.empty() || format == "json") {
    boost::json::object out = DocumentToJson(document);
    out["region"] = boost::json::object{{"code", region.code}, {"name", region.name}};
    out["year"] = facts.year;
    out["as_of"] = facts.as_of.ToIso();
    return Response::Json(out);
  }
  Response response;
  const std::string stem = region.name + "双联行动进展情况汇报-" + facts.as_of.ToIso();
  if (format == "docx") {
    response.body = report::ToDocx(document);
    response.content_type =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else if (format == "html") {
    response.body = report::ToHtml(document);
    response.content_type = "text/html; charset=utf-8";
  } else {
    response.body = report::ToMarkdown(document);
    response.content_type = "text/markdown; charset=utf-8";
  }
  response.headers.emplace_back("Content-Disposition", ContentDisposition(stem + "." + format));
  return response;
}

}  // namespace

std::vector<Route> ReportRoutes() {
  return {
      {"GET", "/api/v1/reports/progress", ProgressReport},
  };
}

}  // namespace shuanglian::api
