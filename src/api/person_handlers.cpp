// Persons: lists, a person, changes; the household they belong to decides the scope.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/export.h"
#include "api/json_text.h"
#include "api/registry_json.h"
#include "api/registry_writes.h"
#include "core/access.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "store/household_repository.h"

namespace shuanglian::api {

namespace {

bool Unmasked(const Context& context) {
  return context.scope().sees_personal_data;
}

std::int64_t PersonId(Context& context) {
  return context.IdParam("id", "没有这个人员记录");
}

store::StoredPerson Find(Context& context, std::int64_t id) {
  auto found = store::HouseholdRepository(context.db()).GetPerson(id, context.scope());
  if (!found) {
    throw ApiError(404, "not_found", "人员记录不存在或不在您的管理范围内");
  }
  return *found;
}

std::string Snapshot(Context& context, const store::StoredPerson& person) {
  return ToJsonText(
      PersonJson(person, context.state().dictionaries, true, context.state().today()));
}

Response PersonAnswer(Context& context, const store::StoredPerson& person, int status = 200) {
  if (Unmasked(context)) {
    context.AuditRead("person", std::to_string(person.id));
  }
  return Response::Json(
      PersonJson(person, context.state().dictionaries, Unmasked(context), context.state().today()),
      status);
}

store::PersonFilter FilterFrom(Context& context) {
  store::PersonFilter filter;
  filter.region = context.request().QueryValue("region");
  if (!filter.region.empty() && !core::LevelOfCode(filter.region)) {
    throw ApiError(
        400, "bad_parameter", "region 应为区划代码",
        boost::json::array{boost::json::object{{"field", "region"}, {"code", "bad_parameter"}}});
  }
  filter.query = context.request().QueryValue("q");
  return filter;
}

std::vector<std::string> LabourCodes(const core::DictionarySet& dictionaries) {
  std::vector<std::string> codes;
  for (const core::DictionaryItem& item : dictionaries.Get(core::dict::kLabourSkill).items()) {
    if (item.HasFlag("labour")) {
      codes.push_back(item.code);
    }
  }
  return codes;
}

// The person's record id, looked up by ID number after a write.
store::StoredPerson ByIdNumber(Context& context, const std::string& id_number) {
  store::PersonFilter filter;
  filter.query = id_number;
  filter.limit = 1;
  const auto found = store::HouseholdRepository(context.db())
                         .ListPersons(filter, store::DataScope::System(), nullptr);
  if (found.empty()) {
    throw ApiError(500, "internal_error", "写入后找不到人员记录");
  }
  return found.front();
}

[[noreturn]] void ThrowDuplicate(const std::string& id_number) {
  throw ApiError(
      409, "duplicate", "证件号码 " + core::MaskIdNumber(id_number) + " 已登记",
      boost::json::array{boost::json::object{
          {"field", "id_number"}, {"code", "duplicate"}, {"message", "该证件号码已登记"}}});
}

[[noreturn]] void ThrowNoHousehold(const std::string& household_no) {
  throw ApiError(404, "not_found", "户“" + household_no + "”不存在或不在您的管理范围内");
}

// Writes a person whose household the caller found. The household may be deleted meanwhile
// by another request, unseen on PostgreSQL until it commits: the insert then breaks the
// foreign key to it. That is answered as the check would have answered, 404 for the
// household, not as a conflict with an existing record. The write runs in a savepoint so
// that, on PostgreSQL, the transaction can still ask whether the household is there.
store::RowOutcome WriteChecked(Context& context, const core::Person& person) {
  std::optional<store::StoreError> failure;
  {
    store::Savepoint savepoint(context.db());
    try {
      const store::RowOutcome outcome = WritePerson(context, person);
      savepoint.Release();
      return outcome;
    } catch (const store::StoreError& error) {
      if (error.kind() != store::StoreError::Kind::kConstraint) {
        throw;
      }
      failure = error;
    }
  }  // rolled back to the savepoint here
  if (!store::HouseholdRepository(context.db()).Get(person.household_no, context.scope())) {
    ThrowNoHousehold(person.household_no);
  }
  throw *failure;
}

Response List(Context& context) {
  context.Require("registry:person:list");
  store::PersonFilter filter = FilterFrom(context);
  filter.offset = context.Offset();
  filter.limit = context.Size();
  std::int64_t total = 0;
  boost::json::array items;
  std::string keys;
  for (const store::StoredPerson& person :
       store::HouseholdRepository(context.db()).ListPersons(filter, context.scope(), &total)) {
    items.push_back(PersonJson(person, context.state().dictionaries, Unmasked(context),
                               context.state().today()));
    keys += (keys.empty() ? "" : ",") + std::to_string(person.id);
  }
  if (Unmasked(context) && !keys.empty()) {
    context.AuditRead("person", keys);
  }
  return Response::Json(context.Paged(std::move(items), total));
}

Response Get(Context& context) {
  context.Require("registry:person:query");
  return PersonAnswer(context, Find(context, PersonId(context)));
}

Response Create(Context& context) {
  context.Require("registry:person:add");
  context.RequireWrite();
  const core::Person person = PersonFromBody(context);
  // The household must be one the user may see: otherwise the same 404 as a missing one.
  if (!store::HouseholdRepository(context.db()).Get(person.household_no, context.scope())) {
    ThrowNoHousehold(person.household_no);
  }
  store::PersonFilter existing;
  existing.query = person.id_number;
  if (!store::HouseholdRepository(context.db())
           .ListPersons(existing, store::DataScope::System(), nullptr)
           .empty()) {
    ThrowDuplicate(person.id_number);
  }
  // The write is the import's upsert by ID number: a person someone registered since the
  // check above (a parallel request, unseen on PostgreSQL until it commits) would be moved
  // into this household. A create inserts or refuses, as if the check had seen them;
  // throwing rolls back whatever the upsert changed.
  if (WriteChecked(context, person) != store::RowOutcome::kInserted) {
    ThrowDuplicate(person.id_number);
  }
  const store::StoredPerson stored = ByIdNumber(context, person.id_number);
  context.Audit("create", "person", std::to_string(stored.id), std::nullopt,
                Snapshot(context, stored));
  return PersonAnswer(context, stored, 201);
}

Response Update(Context& context) {
  context.Require("registry:person:edit");
  context.RequireWrite();
  const store::StoredPerson before = Find(context, PersonId(context));
  const core::Person person = PersonFromBody(context);
  if (person.id_number != before.person.id_number) {
    throw ApiError(
        400, "validation_failed", "证件号码不能修改；录入有误时请删除该人员后重新添加",
        boost::json::array{boost::json::object{
            {"field", "id_number"}, {"code", "immutable"}, {"message", "证件号码不能修改"}}});
  }
  if (!store::HouseholdRepository(context.db()).Get(person.household_no, context.scope())) {
    ThrowNoHousehold(person.household_no);
  }
  WriteChecked(context, person);
  const store::StoredPerson after = Find(context, before.id);
  context.Audit("update", "person", std::to_string(before.id), Snapshot(context, before),
                Snapshot(context, after));
  return PersonAnswer(context, after);
}

Response Delete(Context& context) {
  context.Require("registry:person:remove");
  context.RequireWrite();
  const store::StoredPerson person = Find(context, PersonId(context));
  const std::string snapshot = Snapshot(context, person);
  store::HouseholdRepository(context.db())
      .DeletePerson(person, snapshot, LabourCodes(context.state().dictionaries),
                    context.state().now(), context.user().username);
  context.Audit("delete", "person", std::to_string(person.id), snapshot, std::nullopt);
  return Response::NoContent();
}

Response Export(Context& context) {
  context.Require("registry:person:export");
  const store::PersonFilter filter = FilterFrom(context);
  const bool unmasked = Unmasked(context);
  std::int64_t rows = 0;
  Response response = ExportFile(
      context, "家庭成员", core::PersonFields(), {"年龄"},
      [&](const std::function<void(std::vector<std::string>)>& write_row) {
        store::HouseholdRepository(context.db())
            .ForEachPerson(filter, context.scope(), [&](const store::StoredPerson& stored) {
              core::Person person = stored.person;
              if (!unmasked) {
                person.id_number = core::MaskIdNumber(person.id_number);
                person.phone = core::MaskPhone(person.phone);
              }
              std::vector<std::string> cells;
              for (core::RawField& field :
                   core::PersonToRecord(person, context.state().dictionaries)) {
                cells.push_back(std::move(field.text));
              }
              cells.push_back(
                  std::to_string(core::AgeOn(stored.person.birth_date, context.state().today())));
              write_row(std::move(cells));
              ++rows;
            });
      });
  if (unmasked && rows > 0) {
    context.AuditRead("person_export", std::to_string(rows) + " 人；筛选 " + filter.region);
  }
  return response;
}

}  // namespace

std::vector<Route> PersonRoutes() {
  return {
      {"GET", "/api/v1/persons", List},        {"GET", "/api/v1/persons/export", Export},
      {"POST", "/api/v1/persons", Create},     {"GET", "/api/v1/persons/{id}", Get},
      {"PUT", "/api/v1/persons/{id}", Update}, {"DELETE", "/api/v1/persons/{id}", Delete},
  };
}

}  // namespace shuanglian::api
