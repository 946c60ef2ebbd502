// Field records (驻村, 走访, 民情日记, 难题, 建设性意见, 帮扶物资): lists, one record, create and
// change by client UUID, export; the problem workflow; donation drives.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/export.h"
#include "api/fieldwork_json.h"
#include "api/fieldwork_writes.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/visible_region.h"
#include "core/region_code.h"
#include "store/fieldwork_repository.h"
#include "store/fieldwork_store.h"
#include "store/household_repository.h"

namespace shuanglian::api {

namespace {

using store::FieldKind;

store::FieldFilter FilterFrom(Context& context, FieldKind kind) {
  const Request& request = context.request();
  store::FieldFilter filter;
  filter.region = request.QueryValue("region");
  if (!filter.region.empty() && !core::LevelOfCode(filter.region)) {
    throw ApiError(
        400, "bad_parameter", "region 应为区划代码",
        boost::json::array{boost::json::object{{"field", "region"}, {"code", "bad_parameter"}}});
  }
  for (const char* name : {"from", "to"}) {
    const std::string day = request.QueryValue(name);
    if (!day.empty() && !core::ParseDate(day)) {
      throw ApiError(
          400, "bad_parameter", std::string(name) + " 应为日期，如 2012-03-01",
          boost::json::array{boost::json::object{{"field", name}, {"code", "bad_parameter"}}});
    }
  }
  filter.from_day = request.QueryValue("from");
  filter.to_day = request.QueryValue("to");
  filter.status = request.QueryValue("status");
  filter.category = request.QueryValue("category");
  if (const std::string helper = request.QueryValue("helper_id"); !helper.empty()) {
    if (helper.size() > 12 || helper.find_first_not_of("0123456789") != std::string::npos) {
      throw ApiError(400, "bad_parameter", "helper_id 应为编号",
                     boost::json::array{
                         boost::json::object{{"field", "helper_id"}, {"code", "bad_parameter"}}});
    }
    filter.helper_id = std::stoll(helper);
  }
  if (const std::string number = request.QueryValue("household"); !number.empty()) {
    // Only visits, problems and aid name a household; a diary or a stationed day does not.
    if (kind != FieldKind::kVisit && kind != FieldKind::kProblem && kind != FieldKind::kAid) {
      throw ApiError(400, "bad_parameter", "这类记录不按户登记，不能按户筛选",
                     boost::json::array{
                         boost::json::object{{"field", "household"}, {"code", "bad_parameter"}}});
    }
    const auto household = store::HouseholdRepository(context.db()).Get(number, context.scope());
    if (!household) {
      throw ApiError(404, "not_found", "户“" + number + "”不存在或不在您的管理范围内");
    }
    filter.household_id = household->id;
  }
  return filter;
}

// The page of records of a kind, encoded.
boost::json::array Page(Context& context, FieldKind kind, const store::FieldFilter& filter,
                        std::int64_t* total) {
  store::FieldworkRepository repository(context.db());
  const store::DataScope& scope = context.scope();
  const core::DictionarySet& dictionaries = context.state().dictionaries;
  boost::json::array items;
  switch (kind) {
    case FieldKind::kStationedDay:
      for (const auto& record : repository.StationedDays(filter, scope, total)) {
        items.push_back(StationedDayJson(record, dictionaries));
      }
      break;
    case FieldKind::kVisit:
      for (const auto& record : repository.Visits(filter, scope, total)) {
        items.push_back(VisitJson(record, dictionaries));
      }
      break;
    case FieldKind::kDiary:
      for (const auto& record : repository.DiaryEntries(filter, scope, total)) {
        items.push_back(DiaryJson(record, dictionaries));
      }
      break;
    case FieldKind::kProblem:
      for (const auto& record : repository.Problems(filter, scope, total)) {
        items.push_back(ProblemJson(record, dictionaries));
      }
      break;
    case FieldKind::kSuggestion:
      for (const auto& record : repository.Suggestions(filter, scope, total)) {
        items.push_back(SuggestionJson(record, dictionaries));
      }
      break;
    case FieldKind::kAid:
      for (const auto& record : repository.Aid(filter, scope, total)) {
        items.push_back(AidJson(record, dictionaries));
      }
      break;
  }
  return items;
}

template <FieldKind K>
Response List(Context& context) {
  context.Require("fieldwork:record:list");
  store::FieldFilter filter = FilterFrom(context, K);
  filter.offset = context.Offset();
  filter.limit = context.Size();
  std::int64_t total = 0;
  boost::json::array items = Page(context, K, filter, &total);
  return Response::Json(context.Paged(std::move(items), total));
}

template <FieldKind K>
Response Get(Context& context) {
  context.Require("fieldwork:record:query");
  auto record = FieldRecordJson(context, K, context.Param("uuid"));
  if (!record) {
    throw ApiError(404, "not_found", "记录不存在或不在您的管理范围内");
  }
  return Response::Json(*record);
}

// Create (POST, base version 0: new, or the same again) or change (PUT, the version the
// client edited). A conflict answers 409 with the server's copy, for the user to resolve.
Response Save(Context& context, FieldKind kind, bool create) {
  context.Require(create ? "fieldwork:record:add" : "fieldwork:record:edit");
  context.RequireWrite();
  boost::json::object body = ParseJsonObject(context.request());
  std::optional<std::int64_t> base_version = 0;
  if (!create) {
    body["client_uuid"] = context.Param("uuid");
    base_version = IntField(body, "version");
    if (!base_version || *base_version < 1) {
      throw ApiError(
          400, "validation_failed", "修改记录须给出所修改的版本（version）",
          boost::json::array{boost::json::object{{"field", "version"}, {"code", "required"}}});
    }
    if (!FieldRecordJson(context, kind, context.Param("uuid"))) {
      throw ApiError(404, "not_found", "记录不存在或不在您的管理范围内");
    }
  }
  const FieldSave saved = SaveFieldRecord(context, kind, body, base_version);
  const auto fields = FieldSpecsOf(kind);
  if (!saved.invalid.empty()) {
    ThrowValidation(saved.invalid, fields);
  }
  if (saved.result.outcome == store::RowOutcome::kRejected) {
    if (saved.result.error->code == "version_conflict") {
      const auto server = FieldRecordJson(context, kind, saved.client_uuid);
      throw ApiError(409, "version_conflict", saved.result.error->message,
                     boost::json::object{{"server", server ? boost::json::value(*server)
                                                           : boost::json::value(nullptr)}});
    }
    ThrowRowError(*saved.result.error, fields);
  }
  auto after = FieldRecordJson(context, kind, saved.client_uuid);
  if (!after) {
    throw ApiError(500, "internal_error", "记录已保存，但读不回来");
  }
  AuditFieldSave(context, kind, saved, *after);
  const int status = saved.result.outcome == store::RowOutcome::kInserted ? 201 : 200;
  return Response::Json(*after, status);
}

template <FieldKind K>
Response Create(Context& context) {
  return Save(context, K, true);
}

template <FieldKind K>
Response Update(Context& context) {
  return Save(context, K, false);
}

std::string KindTitle(FieldKind kind) {
  switch (kind) {
    case FieldKind::kStationedDay:
      return "驻村记录";
    case FieldKind::kVisit:
      return "走访记录";
    case FieldKind::kDiary:
      return "民情日记";
    case FieldKind::kProblem:
      return "难题台账";
    case FieldKind::kSuggestion:
      return "建设性意见";
    case FieldKind::kAid:
      return "帮扶物资";
  }
  return "";
}

// A cell of the ledger from the record's JSON: the columns are the import's, so an export
// can be corrected and imported again.
std::string Cell(const boost::json::value* value) {
  if (value == nullptr || value->is_null()) {
    return "";
  }
  if (value->is_string()) {
    return std::string(value->as_string());
  }
  if (value->is_bool()) {
    return value->as_bool() ? "是" : "否";
  }
  if (value->is_array()) {
    std::string joined;
    for (const boost::json::value& element : value->as_array()) {
      joined += (joined.empty() ? "" : "、") + Cell(&element);
    }
    return joined;
  }
  return ToJsonText(*value);
}

template <FieldKind K>
Response Export(Context& context) {
  context.Require("fieldwork:record:export");
  store::FieldFilter filter = FilterFrom(context, K);
  filter.limit = 200000;
  std::int64_t total = 0;
  const boost::json::array items = Page(context, K, filter, &total);
  const auto fields = FieldSpecsOf(K);
  return ExportFile(context, KindTitle(K), fields, {"记录人", "村名"}, [&](const auto& write_row) {
    for (const boost::json::value& item : items) {
      const boost::json::object& record = item.as_object();
      std::vector<std::string> row;
      for (const core::FieldSpec& field : fields) {
        row.push_back(Cell(record.if_contains(field.key)));
      }
      const boost::json::object& meta = record.at("meta").as_object();
      const auto* helper = meta.if_contains("helper");
      row.push_back(helper != nullptr && helper->is_object()
                        ? Cell(helper->as_object().if_contains("name"))
                        : "");
      row.push_back(Cell(meta.if_contains("village_name")));
      write_row(std::move(row));
    }
  });
}

// ---- problems: the workflow, the return visit, cases ----

std::int64_t ProblemIdOf(Context& context) {
  const auto id = store::FieldworkRepository(context.db())
                      .IdOfUuid(FieldKind::kProblem, context.Param("uuid"), context.scope());
  if (!id) {
    throw ApiError(404, "not_found", "问题不存在或不在您的管理范围内");
  }
  return *id;
}

Response Finish(Context& context, const store::RowResult& result, const std::string& action) {
  if (result.outcome == store::RowOutcome::kRejected) {
    const core::FieldError& error = *result.error;
    if (error.code == "not_found") {
      throw ApiError(404, "not_found", error.message);
    }
    const int status = error.code == "version_conflict" ? 409 : 400;
    throw ApiError(
        status, error.code, error.message,
        boost::json::array{boost::json::object{
            {"column", error.column}, {"code", error.code}, {"message", error.message}}});
  }
  auto after = FieldRecordJson(context, FieldKind::kProblem, context.Param("uuid"));
  context.Audit(action, "problems", context.Param("uuid"), std::nullopt, ToJsonText(*after));
  return Response::Json(*after);
}

Response Transition(Context& context) {
  context.Require("fieldwork:problem:handle");
  context.RequireWrite();
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string to = RequiredText(body, "to");
  const std::int64_t id = ProblemIdOf(context);
  const store::WriteContext write_context = WriteContextOf(context);
  const store::FieldWrite write{write_context, context.user().helper_id, IntField(body, "version")};
  store::FieldworkStore store(context.db(), context.state().dictionaries);
  return Finish(context,
                store.MoveProblem(id, to, TextField(body, "result").value_or(""),
                                  TextField(body, "note").value_or(""), write),
                "transition");
}

Response Rate(Context& context) {
  context.Require("fieldwork:problem:handle");
  context.RequireWrite();
  const boost::json::object body = ParseJsonObject(context.request());
  const std::int64_t id = ProblemIdOf(context);
  const store::WriteContext write_context = WriteContextOf(context);
  const store::FieldWrite write{write_context, context.user().helper_id, std::nullopt};
  store::FieldworkStore store(context.db(), context.state().dictionaries);
  return Finish(context, store.RateProblem(id, RequiredText(body, "satisfaction"), write), "rate");
}

Response GroupCase(Context& context) {
  context.Require("fieldwork:problem:handle");
  context.RequireWrite();
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string title = RequiredText(body, "title");
  const store::Region region = VisibleRegion(context, RequiredText(body, "region"));
  const auto* list = body.if_contains("problems");
  if (list == nullptr || !list->is_array() || list->as_array().size() > 500) {
    throw ApiError(
        400, "validation_failed", "problems 应为问题记录编号的列表（最多500个）",
        boost::json::array{boost::json::object{{"field", "problems"}, {"code", "bad_type"}}});
  }
  store::FieldworkRepository repository(context.db());
  std::vector<std::int64_t> ids;
  for (const boost::json::value& uuid : list->as_array()) {
    const auto id = uuid.is_string()
                        ? repository.IdOfUuid(FieldKind::kProblem, std::string(uuid.as_string()),
                                              context.scope())
                        : std::nullopt;
    if (!id) {
      throw ApiError(404, "not_found", "问题不存在或不在您的管理范围内");
    }
    ids.push_back(*id);
  }
  const store::WriteContext write_context = WriteContextOf(context);
  const store::FieldWrite write{write_context, context.user().helper_id, std::nullopt};
  std::int64_t case_id = 0;
  const store::RowResult result = store::FieldworkStore(context.db(), context.state().dictionaries)
                                      .GroupProblems(title, region.code, ids, write, &case_id);
  if (result.outcome == store::RowOutcome::kRejected) {
    ThrowRowError(*result.error, core::ProblemFields());
  }
  context.Audit("create", "problem_case", std::to_string(case_id), std::nullopt,
                ToJsonText(boost::json::object{{"title", title}, {"problems", *list}}));
  return Response::Json(boost::json::object{{"id", case_id},
                                            {"title", title},
                                            {"region", region.code},
                                            {"problems", static_cast<std::int64_t>(ids.size())}},
                        201);
}

// Every problem of a case moves together ("能统一解决的问题，尽量集中解决").
Response MoveCase(Context& context) {
  context.Require("fieldwork:problem:handle");
  context.RequireWrite();
  const std::int64_t case_id = context.IdParam("id", "没有这个问题归并");
  const boost::json::object body = ParseJsonObject(context.request());
  const std::string to = RequiredText(body, "to");
  const std::string result = TextField(body, "result").value_or("");
  store::FieldFilter filter;
  std::vector<std::int64_t> ids;
  for (const store::RowView row :
       context.db().Query("SELECT id FROM problems WHERE case_id = $1 ORDER BY id", {case_id})) {
    ids.push_back(row.Int(0));
  }
  if (ids.empty()) {
    throw ApiError(404, "not_found", "没有这个问题归并");
  }
  const store::WriteContext write_context = WriteContextOf(context);
  const store::FieldWrite write{write_context, context.user().helper_id, std::nullopt};
  store::FieldworkStore store(context.db(), context.state().dictionaries);
  for (const std::int64_t id : ids) {
    const store::RowResult moved = store.MoveProblem(id, to, result, "归并办理", write);
    if (moved.outcome == store::RowOutcome::kRejected) {
      // One refusal refuses the case: the request's transaction writes nothing.
      const core::FieldError& error = *moved.error;
      throw ApiError(error.code == "not_found" ? 404 : 400, error.code,
                     "问题 " + std::to_string(id) + "：" + error.message);
    }
  }
  context.Audit("transition", "problem_case", std::to_string(case_id), std::nullopt,
                ToJsonText(boost::json::object{
                    {"to", to}, {"problems", static_cast<std::int64_t>(ids.size())}}));
  return Response::Json(boost::json::object{
      {"id", case_id}, {"to", to}, {"problems", static_cast<std::int64_t>(ids.size())}});
}

Response Drives(Context& context) {
  context.Require("fieldwork:record:list");
  const store::Region region = VisibleRegionParam(context);
  boost::json::array items;
  for (const store::DriveTotal& drive :
       store::FieldworkRepository(context.db()).Drives(region.code, context.scope())) {
    items.push_back(DriveJson(drive, context.state().dictionaries));
  }
  return Response::Json(boost::json::object{{"items", items}});
}

template <FieldKind K>
void AddRoutes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/" + store::FieldKindName(K);
  routes.push_back({"GET", base, List<K>});
  routes.push_back({"POST", base, Create<K>});
  routes.push_back({"GET", base + "/export", Export<K>});
  routes.push_back({"GET", base + "/{uuid}", Get<K>});
  routes.push_back({"PUT", base + "/{uuid}", Update<K>});
}

}  // namespace

std::vector<Route> FieldworkRoutes() {
  std::vector<Route> routes;
  AddRoutes<FieldKind::kStationedDay>(routes);
  AddRoutes<FieldKind::kVisit>(routes);
  AddRoutes<FieldKind::kDiary>(routes);
  AddRoutes<FieldKind::kProblem>(routes);
  AddRoutes<FieldKind::kSuggestion>(routes);
  AddRoutes<FieldKind::kAid>(routes);
  routes.push_back({"POST", "/api/v1/problems/{uuid}/transition", Transition});
  routes.push_back({"POST", "/api/v1/problems/{uuid}/rating", Rate});
  routes.push_back({"POST", "/api/v1/problem-cases", GroupCase});
  routes.push_back({"POST", "/api/v1/problem-cases/{id}/transition", MoveCase});
  routes.push_back({"GET", "/api/v1/donation-drives", Drives});
  return routes;
}

}  // namespace shuanglian::api
