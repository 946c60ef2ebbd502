#include "api/fieldwork_writes.h"

#include <boost/json.hpp>

#include "api/fieldwork_json.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/passwords.h"
#include "core/aid.h"
#include "core/field_records.h"
#include "core/problem.h"
#include "store/fieldwork_repository.h"
#include "store/fieldwork_store.h"

namespace shuanglian::api {

std::span<const core::FieldSpec> FieldSpecsOf(store::FieldKind kind) {
  switch (kind) {
    case store::FieldKind::kStationedDay:
      return core::StationedDayFields();
    case store::FieldKind::kVisit:
      return core::VisitFields();
    case store::FieldKind::kDiary:
      return core::DiaryFields();
    case store::FieldKind::kProblem:
      return core::ProblemFields();
    case store::FieldKind::kSuggestion:
      return core::SuggestionFields();
    case store::FieldKind::kAid:
      return core::AidFields();
  }
  return {};
}

store::WriteContext WriteContextOf(Context& context) {
  return store::WriteContext{0, context.state().now(), context.scope(), context.user().username};
}

namespace {

template <typename Validate, typename Save>
FieldSave Run(Context& context, store::FieldKind kind, const boost::json::object& body,
              Validate validate, Save save) {
  FieldSave outcome;
  const auto fields = FieldSpecsOf(kind);
  const core::RawRecord raw = RecordFromJson(body, fields, outcome.invalid);
  const core::ValidationContext validation{context.state().dictionaries, context.state().today(),
                                           nullptr};
  auto validated = validate(raw, validation);
  outcome.invalid.insert(outcome.invalid.end(), validated.errors.begin(), validated.errors.end());
  outcome.client_uuid = validated.value.client_uuid;
  if (!outcome.invalid.empty()) {
    return outcome;
  }
  outcome.before = FieldRecordJson(context, kind, outcome.client_uuid);
  outcome.result = save(validated.value);
  return outcome;
}

}  // namespace

void AuditFieldSave(Context& context, store::FieldKind kind, const FieldSave& saved,
                    const boost::json::object& after) {
  if (saved.result.outcome == store::RowOutcome::kUnchanged ||
      saved.result.outcome == store::RowOutcome::kRejected) {
    return;
  }
  context.Audit(saved.result.outcome == store::RowOutcome::kInserted ? "create" : "update",
                store::FieldTable(kind), saved.client_uuid,
                saved.before ? std::optional<std::string>(ToJsonText(*saved.before)) : std::nullopt,
                ToJsonText(after));
}

FieldSave SaveFieldRecord(Context& context, store::FieldKind kind, boost::json::object body,
                          std::optional<std::int64_t> base_version) {
  if (!body.contains("client_uuid") || body.at("client_uuid").is_null()) {
    // A form that did not make one: a new record every time it is sent.
    const std::string token = RandomToken();
    body["client_uuid"] = "srv-" + token.substr(0, 32);
  }
  const store::WriteContext write_context = WriteContextOf(context);
  const store::FieldWrite write{write_context, context.user().helper_id, base_version};
  store::FieldworkStore store(context.db(), context.state().dictionaries);
  switch (kind) {
    case store::FieldKind::kStationedDay:
      return Run(
          context, kind, body, core::ValidateStationedDay,
          [&](const core::StationedDay& record) { return store.SaveStationedDay(record, write); });
    case store::FieldKind::kVisit: {
      // A body without "photos" (an old client, a ledger row) leaves the stored ones alone;
      // "photos": [] removes them.
      const bool photos_given = body.contains("photos");
      std::vector<std::string> photos;
      if (const auto* list = body.if_contains("photos"); list != nullptr && list->is_array()) {
        for (const boost::json::value& photo : list->as_array()) {
          if (photo.is_string() && photo.as_string().size() == 64) {
            photos.emplace_back(photo.as_string());
          }
        }
      }
      return Run(context, kind, body, core::ValidateVisit, [&](core::Visit record) {
        record.photos = photos;
        record.photos_given = photos_given;
        return store.SaveVisit(record, write);
      });
    }
    case store::FieldKind::kDiary:
      return Run(
          context, kind, body, core::ValidateDiaryEntry,
          [&](const core::DiaryEntry& record) { return store.SaveDiaryEntry(record, write); });
    case store::FieldKind::kProblem:
      return Run(context, kind, body, core::ValidateProblem,
                 [&](const core::Problem& record) { return store.SaveProblem(record, write); });
    case store::FieldKind::kSuggestion:
      return Run(
          context, kind, body, core::ValidateSuggestion,
          [&](const core::Suggestion& record) { return store.SaveSuggestion(record, write); });
    case store::FieldKind::kAid:
      return Run(context, kind, body, core::ValidateAid,
                 [&](const core::Aid& record) { return store.SaveAid(record, write); });
  }
  return {};
}

std::optional<boost::json::object> FieldRecordJson(Context& context, store::FieldKind kind,
                                                   const std::string& client_uuid) {
  store::FieldworkRepository repository(context.db());
  store::FieldFilter filter;
  filter.client_uuid = client_uuid;
  filter.limit = 1;
  const store::DataScope& scope = context.scope();
  const core::DictionarySet& dictionaries = context.state().dictionaries;
  switch (kind) {
    case store::FieldKind::kStationedDay:
      for (const auto& record : repository.StationedDays(filter, scope)) {
        return StationedDayJson(record, dictionaries);
      }
      break;
    case store::FieldKind::kVisit:
      for (const auto& record : repository.Visits(filter, scope)) {
        return VisitJson(record, dictionaries);
      }
      break;
    case store::FieldKind::kDiary:
      for (const auto& record : repository.DiaryEntries(filter, scope)) {
        return DiaryJson(record, dictionaries);
      }
      break;
    case store::FieldKind::kProblem:
      if (const auto id = repository.IdOfUuid(kind, client_uuid, scope)) {
        if (const auto problem = repository.ProblemById(*id, scope)) {
          return ProblemJson(*problem, dictionaries);
        }
      }
      break;
    case store::FieldKind::kSuggestion:
      for (const auto& record : repository.Suggestions(filter, scope)) {
        return SuggestionJson(record, dictionaries);
      }
      break;
    case store::FieldKind::kAid:
      for (const auto& record : repository.Aid(filter, scope)) {
        return AidJson(record, dictionaries);
      }
      break;
  }
  return std::nullopt;
}

}  // namespace shuanglian::api
