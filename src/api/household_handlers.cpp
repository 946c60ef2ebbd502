// Households: lists with filters, a household with its members, and changes to them.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/export.h"
#include "api/json_text.h"
#include "api/registry_json.h"
#include "api/registry_writes.h"
#include "core/id_number.h"
#include "core/region_code.h"
#include "store/household_repository.h"

namespace shuanglian::api {

namespace {

store::HouseholdFilter FilterFrom(Context& context) {
  const Request& request = context.request();
  store::HouseholdFilter filter;
  filter.region = request.QueryValue("region");
  if (!filter.region.empty() && !core::LevelOfCode(filter.region)) {
    throw ApiError(
        400, "bad_parameter", "region 应为区划代码",
        boost::json::array{boost::json::object{{"field", "region"}, {"code", "bad_parameter"}}});
  }
  filter.category = request.QueryValue("category");
  filter.cause = request.QueryValue("cause");
  filter.exit_status = request.QueryValue("exit_status");
  filter.query = request.QueryValue("q");
  if (filter.query.size() > 100) {
    throw ApiError(
        400, "bad_parameter", "搜索内容过长",
        boost::json::array{boost::json::object{{"field", "q"}, {"code", "bad_parameter"}}});
  }
  if (const std::string sort = request.QueryValue("sort"); !sort.empty()) {
    filter.sort = sort;
  }
  return filter;
}

bool Unmasked(const Context& context) {
  return context.scope().sees_personal_data;
}

store::StoredHousehold Find(Context& context, const std::string& number) {
  auto found = store::HouseholdRepository(context.db()).Get(number, context.scope());
  if (!found) {
    throw ApiError(404, "not_found", "户“" + number + "”不存在或不在您的管理范围内");
  }
  return *found;
}

// The household as its full, unmasked JSON: the before and after of the audit log.
std::string Snapshot(Context& context, const store::StoredHousehold& household) {
  const auto members = store::HouseholdRepository(context.db()).Members(household.id);
  return ToJsonText(HouseholdJson(household, members, context.state().dictionaries, true,
                                  context.state().today()));
}

// A household's answer as it is kept: its JSON, and what reading it unmasked audits.
CachedAnswer HouseholdAnswerOf(Context& context, const store::StoredHousehold& household) {
  const auto members = store::HouseholdRepository(context.db()).Members(household.id);
  CachedAnswer answer;
  answer.body = ToJsonText(HouseholdJson(household, members, context.state().dictionaries,
                                         Unmasked(context), context.state().today()));
  if (Unmasked(context)) {
    answer.audit_keys = household.household.household_no;
  }
  return answer;
}

// Every unmasked read is audited, whether the answer was computed now or kept.
Response Give(Context& context, const CachedAnswer& answer, int status = 200) {
  if (!answer.audit_keys.empty()) {
    context.AuditRead("household", answer.audit_keys);
  }
  return Response::JsonText(answer.body, status);
}

Response HouseholdAnswer(Context& context, const store::StoredHousehold& household,
                         int status = 200) {
  return Give(context, HouseholdAnswerOf(context, household), status);
}

Response List(Context& context) {
  context.Require("registry:household:list");
  store::HouseholdFilter filter = FilterFrom(context);
  filter.offset = context.Offset();
  filter.limit = context.Size();
  // Which households: every page of them has the same total. Which page: its answer.
  AnswerKey matching("households");
  matching.Add(context.scope().Key())
      .Add(filter.region)
      .Add(filter.category)
      .Add(filter.cause)
      .Add(filter.exit_status)
      .Add(filter.query);
  AnswerKey page = matching;
  page.Add(filter.sort).Add(filter.offset).Add(filter.limit);
  const auto answer = context.state().answers.Get(context.db(), page, [&] {
    store::HouseholdRepository repository(context.db());
    // Counted once per filter (a township's thousands of index entries), not once per page.
    const std::int64_t total = *context.state().counts.Get(context.db(), matching.text(), [&] {
      return std::optional<std::int64_t>(repository.Count(filter, context.scope()));
    });
    const auto households = repository.List(filter, context.scope(), nullptr);
    boost::json::array items;
    items.reserve(households.size());
    CachedAnswer computed;
    for (const store::StoredHousehold& household : households) {
      items.push_back(
          HouseholdSummaryJson(household, context.state().dictionaries, Unmasked(context)));
      if (Unmasked(context)) {
        computed.audit_keys +=
            (computed.audit_keys.empty() ? "" : ",") + household.household.household_no;
      }
    }
    computed.body = ToJsonText(context.Paged(std::move(items), total));
    return computed;
  });
  return Give(context, *answer);
}

Response Get(Context& context) {
  context.Require("registry:household:query");
  const std::string& number = context.Param("number");
  AnswerKey key("household");
  // The date too: members' ages are part of the answer.
  key.Add(context.scope().Key()).Add(number).Add(context.state().today().ToIso());
  const auto answer = context.state().answers.Get(
      context.db(), key, [&] { return HouseholdAnswerOf(context, Find(context, number)); });
  return Give(context, *answer);
}

Response Members(Context& context) {
  context.Require("registry:household:query");
  const store::StoredHousehold household = Find(context, context.Param("number"));
  boost::json::array items;
  for (const store::StoredPerson& person :
       store::HouseholdRepository(context.db()).Members(household.id)) {
    items.push_back(PersonJson(person, context.state().dictionaries, Unmasked(context),
                               context.state().today()));
  }
  if (Unmasked(context)) {
    context.AuditRead("household", household.household.household_no);
  }
  return Response::Json(boost::json::object{{"items", items}});
}

[[noreturn]] void ThrowDuplicate(const std::string& household_no) {
  throw ApiError(
      409, "duplicate", "户编号“" + household_no + "”已存在",
      boost::json::array{boost::json::object{
          {"field", "household_no"}, {"code", "duplicate"}, {"message", "户编号已存在"}}});
}

Response Create(Context& context) {
  context.Require("registry:household:add");
  context.RequireWrite();
  const core::Household household = HouseholdFromBody(context, "");
  store::HouseholdRepository repository(context.db());
  if (repository.Get(household.household_no, store::DataScope::System())) {
    ThrowDuplicate(household.household_no);
  }
  // The write is the import's upsert: a household someone created since the check above (a
  // parallel request, which on PostgreSQL the check cannot see until it commits) would be
  // overwritten. A create inserts or refuses, as if the check had seen it; throwing rolls
  // back whatever the upsert changed.
  if (WriteHousehold(context, household) != store::RowOutcome::kInserted) {
    ThrowDuplicate(household.household_no);
  }
  const store::StoredHousehold stored = Find(context, household.household_no);
  context.Audit("create", "household", household.household_no, std::nullopt,
                Snapshot(context, stored));
  return HouseholdAnswer(context, stored, 201);
}

Response Update(Context& context) {
  context.Require("registry:household:edit");
  context.RequireWrite();
  const store::StoredHousehold before = Find(context, context.Param("number"));
  const std::string before_json = Snapshot(context, before);
  const core::Household household = HouseholdFromBody(context, before.household.household_no);
  WriteHousehold(context, household);
  const store::StoredHousehold after = Find(context, household.household_no);
  context.Audit("update", "household", household.household_no, before_json,
                Snapshot(context, after));
  return HouseholdAnswer(context, after);
}

Response Delete(Context& context) {
  context.Require("registry:household:remove");
  context.RequireWrite();
  const store::StoredHousehold household = Find(context, context.Param("number"));
  const std::string snapshot = Snapshot(context, household);
  store::HouseholdRepository(context.db())
      .Delete(household, snapshot, context.state().now(), context.user().username);
  context.Audit("delete", "household", household.household.household_no, snapshot, std::nullopt);
  return Response::NoContent();
}

Response Export(Context& context) {
  context.Require("registry:household:export");
  const store::HouseholdFilter filter = FilterFrom(context);
  const bool unmasked = Unmasked(context);
  std::int64_t rows = 0;
  Response response =
      ExportFile(context, "家庭信息", core::HouseholdFields(),
                 {"村名称", "村民小组名称", "家庭成员（记录）", "劳动力（记录）"},
                 [&](const std::function<void(std::vector<std::string>)>& write_row) {
                   store::HouseholdRepository(context.db())
                       .ForEach(filter, context.scope(), [&](const store::StoredHousehold& stored) {
                         core::Household household = stored.household;
                         if (!unmasked) {
                           household.head_id_number = core::MaskIdNumber(household.head_id_number);
                           household.phone = core::MaskPhone(household.phone);
                           household.bank_account = core::MaskBankAccount(household.bank_account);
                         }
                         std::vector<std::string> cells;
                         for (core::RawField& field :
                              core::HouseholdToRecord(household, context.state().dictionaries)) {
                           cells.push_back(std::move(field.text));
                         }
                         cells.push_back(stored.village_name);
                         cells.push_back(stored.group_name);
                         cells.push_back(std::to_string(stored.member_count));
                         cells.push_back(std::to_string(stored.labour_count));
                         write_row(std::move(cells));
                         ++rows;
                       });
                 });
  if (unmasked && rows > 0) {
    context.AuditRead("household_export",
                      std::to_string(rows) + " 户；筛选 " + context.request().QueryValue("region"));
  }
  return response;
}

}  // namespace

std::vector<Route> HouseholdRoutes() {
  return {
      {"GET", "/api/v1/households", List},
      {"GET", "/api/v1/households/export", Export},
      {"POST", "/api/v1/households", Create},
      {"GET", "/api/v1/households/{number}", Get},
      {"PUT", "/api/v1/households/{number}", Update},
      {"DELETE", "/api/v1/households/{number}", Delete},
      {"GET", "/api/v1/households/{number}/members", Members},
  };
}

}  // namespace shuanglian::api
