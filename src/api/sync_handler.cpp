// POST /api/v1/sync: what a cadre's phone recorded offline, sent when the signal returns.
// The body is NDJSON, one record a line:
//   {"kind":"visits","record":{...,"client_uuid":"..."},"base_version":0}
// Each line is stored whole or not at all (a savepoint in the upload's one transaction), so
// an upload cut by the signal keeps the lines that arrived whole (the HTTP layer hands over
// what arrived) and the retry completes it: a line sent again is "unchanged", never a double. A
// record changed on the server meanwhile comes back as a conflict with the server's copy, for the
// cadre to resolve.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/fieldwork_writes.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "store/fieldwork_records.h"
#include "store/fieldwork_repository.h"

namespace shuanglian::api {

namespace {

constexpr std::size_t kMaxLines = 5000;

boost::json::object ErrorOf(const core::FieldError& error,
                            std::span<const core::FieldSpec> fields) {
  std::string key;
  for (const core::FieldSpec& field : fields) {
    if (field.name == error.column) {
      key = std::string(field.key);
    }
  }
  return boost::json::object{
      {"field", key}, {"column", error.column}, {"code", error.code}, {"message", error.message}};
}

boost::json::object Line(Context& context, std::size_t number, std::string_view text) {
  boost::json::object answer{{"line", static_cast<std::int64_t>(number)}};
  boost::system::error_code parse_error;
  boost::json::value value = boost::json::parse(text, parse_error);
  if (parse_error || !value.is_object()) {
    answer["status"] = "rejected";
    answer["error"] =
        boost::json::object{{"code", "malformed_json"}, {"message", "这一行不是 JSON 对象"}};
    return answer;
  }
  try {
    RejectNul(value);
  } catch (const ApiError& error) {
    answer["status"] = "rejected";
    answer["error"] = boost::json::object{{"code", error.code()}, {"message", error.what()}};
    return answer;
  }
  const boost::json::object& line = value.as_object();
  const auto* kind_value = line.if_contains("kind");
  const auto kind = kind_value != nullptr && kind_value->is_string()
                        ? store::ParseFieldKind(std::string(kind_value->as_string()))
                        : std::nullopt;
  const auto* record = line.if_contains("record");
  if (!kind || record == nullptr || !record->is_object()) {
    answer["status"] = "rejected";
    answer["error"] = boost::json::object{
        {"code", "bad_line"}, {"message", "每行须有 kind（记录种类）和 record（记录）"}};
    return answer;
  }
  answer["kind"] = store::FieldKindName(*kind);
  std::optional<std::int64_t> base_version = 0;
  if (const auto* version = line.if_contains("base_version");
      version != nullptr && version->is_int64()) {
    base_version = version->as_int64();
  }
  const auto fields = FieldSpecsOf(*kind);
  const std::string required =
      "fieldwork:record:" + std::string(*base_version > 0 ? "edit" : "add");
  if (!context.role().Allows(required)) {
    answer["status"] = "rejected";
    answer["error"] =
        boost::json::object{{"code", "forbidden"}, {"message", "您的角色没有此项权限"}};
    return answer;
  }
  store::Savepoint savepoint(context.db());
  const FieldSave saved = SaveFieldRecord(context, *kind, record->as_object(), base_version);
  answer["client_uuid"] = saved.client_uuid;
  if (!saved.invalid.empty()) {
    answer["status"] = "rejected";
    answer["error"] = ErrorOf(saved.invalid.front(), fields);
    boost::json::array all;
    for (const core::FieldError& error : saved.invalid) {
      all.push_back(ErrorOf(error, fields));
    }
    answer["errors"] = std::move(all);
    return answer;
  }
  if (saved.result.outcome == store::RowOutcome::kRejected) {
    const bool conflict = saved.result.error->code == "version_conflict";
    answer["status"] = conflict ? "conflict" : "rejected";
    answer["error"] = ErrorOf(*saved.result.error, fields);
    if (conflict) {
      const auto server = FieldRecordJson(context, *kind, saved.client_uuid);
      answer["server"] = server ? boost::json::value(*server) : boost::json::value(nullptr);
    }
    return answer;
  }
  const auto stored = FieldRecordJson(context, *kind, saved.client_uuid);
  switch (saved.result.outcome) {
    case store::RowOutcome::kInserted:
      answer["status"] = "created";
      break;
    case store::RowOutcome::kUpdated:
      answer["status"] = "updated";
      break;
    default:
      answer["status"] = "unchanged";
      break;
  }
  if (stored) {
    answer["version"] = stored->at("meta").as_object().at("version");
    AuditFieldSave(context, *kind, saved, *stored);
  }
  savepoint.Release();
  return answer;
}

Response Sync(Context& context) {
  context.RequireWrite();
  const std::string& body = context.request().body;
  // The whole lines first: too many is refused before anything is written.
  std::vector<std::pair<std::size_t, std::string_view>> lines;
  bool truncated = false;
  std::size_t number = 0;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) {
      if (!context.request().body_complete) {
        truncated = true;  // the line the signal cut: not whole, not stored
        break;
      }
      end = body.size();
    }
    ++number;
    const std::string_view text(body.data() + start, end - start);
    start = end + 1;
    if (text.find_first_not_of(" \t\r") != std::string_view::npos) {
      lines.emplace_back(number, text);
    }
  }
  if (lines.size() > kMaxLines) {
    throw ApiError(413, "too_many_records",
                   "一次最多上传 " + std::to_string(kMaxLines) + " 条记录，请分批上传");
  }
  // One transaction for the upload, a savepoint for each line: a line is stored whole or
  // not at all, and the batch costs one commit. A failure of the database itself loses the
  // batch, which the phone then sends again (its UUIDs make the retry safe).
  boost::json::array results;
  store::Transaction transaction(context.db());
  for (const auto& [line_number, text] : lines) {
    results.push_back(Line(context, line_number, text));
  }
  transaction.Commit();
  std::int64_t stored = 0;
  for (const boost::json::value& result : results) {
    const std::string_view status = result.as_object().at("status").as_string();
    stored += status == "created" || status == "updated" || status == "unchanged" ? 1 : 0;
  }
  return Response::Json(boost::json::object{
      {"results", std::move(results)}, {"stored", stored}, {"truncated", truncated}});
}

}  // namespace

std::vector<Route> SyncRoutes() {
  return {{"POST", "/api/v1/sync", Sync, false, true}};
}

}  // namespace shuanglian::api
