// Imports uploaded through the browser, their progress, summary and error report; templates.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "api/api.h"
#include "api/background.h"
#include "api/export.h"
#include "api/json_text.h"
#include "api/passwords.h"
#include "ingest/template_writer.h"
#include "store/import_job_repository.h"

namespace shuanglian::api {

namespace {

std::string Extension(const std::string& file_name) {
  const auto dot = file_name.rfind('.');
  std::string extension = dot == std::string::npos ? "" : file_name.substr(dot + 1);
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return extension;
}

bool IsOwnerOrAdmin(const Context& context, const std::string& created_by) {
  return context.scope().kind == store::DataScope::Kind::kAll ||
         created_by == context.user().username;
}

boost::json::object JobJson(Context& context, const store::ImportJobRepository::Job& job) {
  boost::json::object out{{"id", job.id},
                          {"kind", job.kind},
                          {"file_name", job.file_name},
                          {"status", job.status},
                          {"rows", job.counts.rows},
                          {"started_at", job.started_at},
                          {"finished_at", job.finished_at}};
  double progress = job.status == "running" ? 0 : 1;
  std::string error;
  if (const auto running = context.state().imports->Find(job.id)) {
    progress = running->finished ? 1 : running->fraction;
    if (!running->finished) {
      out["rows"] = running->rows;
      // Finished in the store but its summary not yet written: still running to the reader.
      out["status"] = "running";
    }
    error = running->error;
    if (running->finished && !error.empty() && job.finished_at.empty()) {
      // Failed where the job's row could not be told (the database was away): its status
      // reads "running", or "interrupted" once its mark is gone, but this server saw it fail.
      out["status"] = "failed";
    }
  }
  out["progress"] = progress;
  out["error"] = error.empty() ? boost::json::value(nullptr) : boost::json::value(error);
  boost::system::error_code parse_error;
  boost::json::value summary = job.summary_json.empty()
                                   ? boost::json::value(nullptr)
                                   : boost::json::parse(job.summary_json, parse_error);
  out["summary"] = parse_error ? boost::json::value(nullptr) : summary;
  out["has_report"] = !job.report_path.empty() && std::filesystem::exists(job.report_path);
  return out;
}

store::ImportJobRepository::Job FindJob(Context& context) {
  const std::int64_t id = context.IdParam("id", "没有这个导入任务");
  auto job = store::ImportJobRepository(context.db()).Get(id);
  if (!job || !IsOwnerOrAdmin(context, job->created_by)) {
    throw ApiError(404, "not_found", "没有这个导入任务");
  }
  return *job;
}

Response Upload(Context& context) {
  context.Require("import:file:add");
  context.RequireWrite();
  const Request& request = context.request();
  const auto kind = ingest::ParseImportKind(request.QueryValue("kind"));
  if (!kind) {
    throw ApiError(
        400, "bad_parameter", "kind 应为 households、persons、units、helpers 或 pairings",
        boost::json::array{boost::json::object{{"field", "kind"}, {"code", "bad_parameter"}}});
  }
  const std::string file_name = request.QueryValue("file_name");
  if (file_name.empty() || file_name.size() > 200 || file_name.find('/') != std::string::npos) {
    throw ApiError(
        400, "bad_parameter", "请给出文件名（file_name）",
        boost::json::array{boost::json::object{{"field", "file_name"}, {"code", "bad_parameter"}}});
  }
  if (request.body.empty()) {
    throw ApiError(400, "empty_file", "上传的文件是空的");
  }
  const std::string stem = context.state().work_directory + "/" + RandomToken().substr(0, 16);
  const std::string upload = stem + "-upload." + (Extension(file_name) == "xlsx" ? "xlsx" : "csv");
  {
    std::ofstream out(upload, std::ios::binary);
    out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    if (!out) {
      throw ApiError(500, "storage_failed", "服务器无法保存上传的文件");
    }
  }
  ingest::ImportOptions options;
  options.kind = *kind;
  options.path = upload;
  options.file_name = file_name;
  options.strict = request.QueryValue("strict") == "1";
  options.dry_run = request.QueryValue("dry_run") == "1";
  options.report_path = stem + "-report." + (Extension(file_name) == "xlsx" ? "xlsx" : "csv");
  options.today = context.state().today();
  options.now = context.state().now();
  options.scope = context.scope();
  options.actor = context.user().username;
  const std::int64_t job = context.state().imports->Start(options, context.user().username);
  {
    store::Transaction transaction(context.db());
    context.Audit(
        "import", ingest::ImportKindName(*kind), std::to_string(job), std::nullopt,
        ToJsonText(boost::json::object{{"file_name", file_name},
                                       {"bytes", static_cast<std::int64_t>(request.body.size())}}));
    transaction.Commit();
  }
  auto record = store::ImportJobRepository(context.db()).Get(job);
  if (!record) {
    throw ApiError(500, "internal_error", "导入任务未登记");
  }
  return Response::Json(JobJson(context, *record), 202);
}

Response GetJob(Context& context) {
  context.Require("import:file:query");
  return Response::Json(JobJson(context, FindJob(context)));
}

Response ListJobs(Context& context) {
  context.Require("import:file:query");
  const bool everything = context.scope().kind == store::DataScope::Kind::kAll;
  boost::json::array items;
  for (const auto& job : store::ImportJobRepository(context.db())
                             .Recent(everything ? "" : context.user().username, 50)) {
    items.push_back(JobJson(context, job));
  }
  return Response::Json(boost::json::object{{"items", items}});
}

Response Report(Context& context) {
  context.Require("import:file:query");
  const auto job = FindJob(context);
  if (job.report_path.empty() || !std::filesystem::exists(job.report_path)) {
    throw ApiError(404, "not_found", "这次导入没有错误报告");
  }
  Response response;
  response.file_path = job.report_path;
  const bool xlsx = Extension(job.report_path) == "xlsx";
  response.content_type =
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
  const auto dot = job.file_name.rfind('.');
  response.headers.emplace_back(
      "Content-Disposition",
      ContentDisposition(job.file_name.substr(0, dot) + "-错误行." + (xlsx ? "xlsx" : "csv")));
  return response;
}

Response Template(Context& context) {
  const auto kind = ingest::ParseImportKind(context.Param("kind"));
  std::string format = context.request().QueryValue("format");
  if (format.empty()) {
    format = "xlsx";
  }
  if (!kind || (format != "xlsx" && format != "csv")) {
    throw ApiError(404, "not_found", "没有这个模板");
  }
  Response response;
  response.file_path =
      context.state().work_directory + "/template-" + RandomToken().substr(0, 16) + "." + format;
  response.delete_file_after = true;
  ingest::WriteTemplate(*kind, response.file_path, context.state().dictionaries);
  response.content_type = format == "xlsx"
                              ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                              : "text/csv; charset=utf-8";
  response.headers.emplace_back(
      "Content-Disposition",
      ContentDisposition(ingest::ImportKindTitle(*kind) + "导入模板." + format));
  return response;
}

}  // namespace

std::vector<Route> ImportRoutes() {
  return {
      {"POST", "/api/v1/imports", Upload, false, true},
      {"GET", "/api/v1/imports", ListJobs},
      {"GET", "/api/v1/imports/{id}", GetJob},
      {"GET", "/api/v1/imports/{id}/report", Report},
      {"GET", "/api/v1/templates/{kind}", Template},
  };
}

}  // namespace shuanglian::api
