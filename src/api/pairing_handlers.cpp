// Who helps whom (四个一): helping units, helpers, their pairings, the pairing board of a
// village, and each region's leadership group and office.
#include <boost/json.hpp>

#include "api/api.h"
#include "api/json_input.h"
#include "api/json_text.h"
#include "api/pairing_json.h"
#include "api/visible_region.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/household_repository.h"
#include "store/pairing_repository.h"
#include "store/pairing_store.h"

namespace shuanglian::api {

namespace {

core::ValidationContext ValidationFor(Context& context) {
  return core::ValidationContext{context.state().dictionaries, context.state().today(), nullptr};
}

store::WriteContext WriteFor(Context& context) {
  return store::WriteContext{0, context.state().now(), context.scope(), context.user().username};
}

// A record of the kind `Fields` describes, from the request body, validated like an import
// row: 400 with one detail per bad field.
template <typename Record, typename Validate>
Record FromBody(Context& context, std::span<const core::FieldSpec> fields, Validate validate) {
  const boost::json::object body = ParseJsonObject(context.request());
  std::vector<core::FieldError> errors;
  const core::RawRecord raw = RecordFromJson(body, fields, errors);
  auto validated = validate(raw, ValidationFor(context));
  errors.insert(errors.end(), validated.errors.begin(), validated.errors.end());
  if (!errors.empty()) {
    ThrowValidation(errors, fields);
  }
  return std::move(validated.value);
}

void RequireAccepted(const store::RowResult& result, std::span<const core::FieldSpec> fields) {
  if (result.outcome == store::RowOutcome::kRejected) {
    ThrowRowError(*result.error, fields);
  }
}

// ---- units ----

store::StoredUnit FindUnit(Context& context, std::int64_t id) {
  auto unit = store::PairingRepository(context.db()).UnitById(id, context.scope());
  if (!unit) {
    throw ApiError(404, "not_found", "单位不存在或不在您的管理范围内");
  }
  return *unit;
}

Response ListUnits(Context& context) {
  context.Require("pairing:unit:list");
  store::UnitFilter filter;
  filter.query = context.request().QueryValue("q");
  filter.offset = context.Offset();
  filter.limit = context.Size();
  std::int64_t total = 0;
  boost::json::array items;
  for (const store::StoredUnit& unit :
       store::PairingRepository(context.db()).Units(filter, context.scope(), &total)) {
    items.push_back(UnitJson(unit, context.state().dictionaries));
  }
  return Response::Json(context.Paged(std::move(items), total));
}

Response GetUnit(Context& context) {
  context.Require("pairing:unit:query");
  return Response::Json(UnitJson(FindUnit(context, context.IdParam("id", "没有这个单位")),
                                 context.state().dictionaries));
}

Response SaveUnit(Context& context, bool create) {
  context.Require(create ? "pairing:unit:add" : "pairing:unit:edit");
  context.RequireWrite();
  const core::Unit unit = FromBody<core::Unit>(context, core::UnitFields(), core::ValidateUnit);
  store::PairingStore store(context.db(), context.state().dictionaries);
  store::PairingRepository repository(context.db());
  std::int64_t id = 0;
  std::optional<std::string> before;
  if (create) {
    if (repository.UnitByName(unit.name)) {
      ThrowRowError({"单位名称", "duplicate", "已有名为“" + unit.name + "”的单位"},
                    core::UnitFields());
    }
    RequireAccepted(store.UpsertUnit(unit, WriteFor(context), &id), core::UnitFields());
  } else {
    id = context.IdParam("id", "没有这个单位");
    before = ToJsonText(UnitJson(FindUnit(context, id), context.state().dictionaries));
    RequireAccepted(store.UpdateUnit(id, unit, WriteFor(context)), core::UnitFields());
  }
  const boost::json::object after = UnitJson(FindUnit(context, id), context.state().dictionaries);
  context.Audit(create ? "create" : "update", "unit", std::to_string(id), before,
                ToJsonText(after));
  return Response::Json(after, create ? 201 : 200);
}

Response CreateUnit(Context& context) {
  return SaveUnit(context, true);
}
Response UpdateUnit(Context& context) {
  return SaveUnit(context, false);
}

// ---- helpers ----

store::StoredHelper FindHelper(Context& context, std::int64_t id) {
  auto helper = store::PairingRepository(context.db()).HelperById(id, context.scope());
  if (!helper) {
    throw ApiError(404, "not_found", "帮扶人不存在或不在您的管理范围内");
  }
  return *helper;
}

std::optional<std::int64_t> OptionalId(Context& context, const std::string& name) {
  const std::string text = context.request().QueryValue(name);
  if (text.empty()) {
    return std::nullopt;
  }
  if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw ApiError(
        400, "bad_parameter", name + " 应为编号",
        boost::json::array{boost::json::object{{"field", name}, {"code", "bad_parameter"}}});
  }
  return std::stoll(text);
}

Response ListHelpers(Context& context) {
  context.Require("pairing:helper:list");
  store::HelperFilter filter;
  filter.unit_id = OptionalId(context, "unit_id");
  filter.kind = context.request().QueryValue("kind");
  filter.query = context.request().QueryValue("q");
  filter.offset = context.Offset();
  filter.limit = context.Size();
  std::int64_t total = 0;
  boost::json::array items;
  for (const store::StoredHelper& helper :
       store::PairingRepository(context.db()).Helpers(filter, context.scope(), &total)) {
    items.push_back(HelperJson(helper, context.state().dictionaries));
  }
  return Response::Json(context.Paged(std::move(items), total));
}

Response GetHelper(Context& context) {
  context.Require("pairing:helper:query");
  const store::StoredHelper helper = FindHelper(context, context.IdParam("id", "没有这个帮扶人"));
  boost::json::object out = HelperJson(helper, context.state().dictionaries);
  // What they hold now, and what they held: the history of their pairings.
  store::PairingFilter filter;
  filter.helper_id = helper.id;
  filter.active_only = false;
  boost::json::array pairings;
  for (const store::StoredPairing& pairing :
       store::PairingRepository(context.db()).Pairings(filter, context.scope())) {
    pairings.push_back(PairingJson(pairing, context.state().dictionaries));
  }
  out["pairings"] = std::move(pairings);
  return Response::Json(out);
}

Response SaveHelper(Context& context, bool create) {
  context.Require(create ? "pairing:helper:add" : "pairing:helper:edit");
  context.RequireWrite();
  const core::Helper helper =
      FromBody<core::Helper>(context, core::HelperFields(), core::ValidateHelper);
  store::PairingStore store(context.db(), context.state().dictionaries);
  store::PairingRepository repository(context.db());
  std::int64_t id = 0;
  std::optional<std::string> before;
  if (create) {
    if (const auto owner = repository.HelperByPhone(helper.phone)) {
      ThrowRowError({"联系电话", "phone_taken",
                     "电话号码 " + helper.phone + " 已登记为“" + owner->helper.name +
                         "”的号码，一个号码只能属于一人"},
                    core::HelperFields());
    }
    RequireAccepted(store.UpsertHelper(helper, WriteFor(context), &id), core::HelperFields());
  } else {
    id = context.IdParam("id", "没有这个帮扶人");
    before = ToJsonText(HelperJson(FindHelper(context, id), context.state().dictionaries));
    RequireAccepted(store.UpdateHelper(id, helper, WriteFor(context)), core::HelperFields());
  }
  const boost::json::object after =
      HelperJson(FindHelper(context, id), context.state().dictionaries);
  context.Audit(create ? "create" : "update", "helper", std::to_string(id), before,
                ToJsonText(after));
  return Response::Json(after, create ? 201 : 200);
}

Response CreateHelper(Context& context) {
  return SaveHelper(context, true);
}
Response UpdateHelper(Context& context) {
  return SaveHelper(context, false);
}

// ---- pairings ----

Response ListPairings(Context& context) {
  context.Require("pairing:pairing:list");
  const Request& request = context.request();
  store::PairingFilter filter;
  filter.region = request.QueryValue("region");
  if (!filter.region.empty() && !core::LevelOfCode(filter.region)) {
    throw ApiError(
        400, "bad_parameter", "region 应为区划代码",
        boost::json::array{boost::json::object{{"field", "region"}, {"code", "bad_parameter"}}});
  }
  filter.helper_id = OptionalId(context, "helper_id");
  filter.unit_id = OptionalId(context, "unit_id");
  filter.kind = request.QueryValue("kind");
  filter.active_only = request.QueryValue("history") != "1";
  if (const std::string number = request.QueryValue("household"); !number.empty()) {
    const auto household = store::HouseholdRepository(context.db()).Get(number, context.scope());
    if (!household) {
      throw ApiError(404, "not_found", "户“" + number + "”不存在或不在您的管理范围内");
    }
    filter.household_id = household->id;
  }
  filter.offset = context.Offset();
  filter.limit = context.Size();
  std::int64_t total = 0;
  boost::json::array items;
  for (const store::StoredPairing& pairing :
       store::PairingRepository(context.db()).Pairings(filter, context.scope(), &total)) {
    items.push_back(PairingJson(pairing, context.state().dictionaries));
  }
  return Response::Json(context.Paged(std::move(items), total));
}

store::StoredPairing FindPairing(Context& context, std::int64_t id) {
  auto pairing = store::PairingRepository(context.db()).PairingById(id, context.scope());
  if (!pairing) {
    throw ApiError(404, "not_found", "结对关系不存在或不在您的管理范围内");
  }
  return *pairing;
}

// Opens a pairing; one that replaces a household's or a group's helper ends the old one.
Response CreatePairing(Context& context) {
  context.Require("pairing:pairing:add");
  context.RequireWrite();
  boost::json::object body = ParseJsonObject(context.request());
  // A form names the helper by id; a file by phone (the key printed on the cards).
  if (const auto helper_id = IntField(body, "helper_id")) {
    const auto helper =
        store::PairingRepository(context.db()).HelperById(*helper_id, store::DataScope::System());
    if (!helper) {
      ThrowValidation({{"帮扶人电话", "unknown_helper",
                        "帮扶人编号 " + std::to_string(*helper_id) + " 不存在"}},
                      core::PairingFields());
    }
    body["helper_phone"] = helper->helper.phone;
  }
  std::vector<core::FieldError> errors;
  const core::RawRecord raw = RecordFromJson(body, core::PairingFields(), errors);
  auto validated = core::ValidatePairing(raw, ValidationFor(context));
  errors.insert(errors.end(), validated.errors.begin(), validated.errors.end());
  if (!errors.empty()) {
    ThrowValidation(errors, core::PairingFields());
  }
  store::PairingStore store(context.db(), context.state().dictionaries);
  std::int64_t id = 0;
  const store::RowResult result = store.ApplyPairing(validated.value, WriteFor(context), &id);
  RequireAccepted(result, core::PairingFields());
  const boost::json::object after =
      PairingJson(FindPairing(context, id), context.state().dictionaries);
  if (result.outcome != store::RowOutcome::kUnchanged) {
    context.Audit("create", "pairing", std::to_string(id), std::nullopt, ToJsonText(after));
  }
  return Response::Json(after, result.outcome == store::RowOutcome::kUnchanged ? 200 : 201);
}

// Ends a pairing (the helper leaves), unless that would break a rule of its region.
Response EndPairing(Context& context) {
  context.Require("pairing:pairing:edit");
  context.RequireWrite();
  const store::StoredPairing pairing =
      FindPairing(context, context.IdParam("id", "没有这个结对关系"));
  const boost::json::object body =
      context.request().body.empty() ? boost::json::object() : ParseJsonObject(context.request());
  std::string end_date = context.state().today().ToIso();
  if (const auto text = TextField(body, "end_date")) {
    const auto date = core::ParseDate(*text);
    if (!date || date->ToIso() < pairing.start_date || *date > context.state().today()) {
      throw ApiError(
          400, "validation_failed", "结束日期应在开始日期 " + pairing.start_date + " 与今天之间",
          boost::json::array{boost::json::object{
              {"field", "end_date"}, {"code", "bad_date"}, {"message", "结束日期有误"}}});
    }
    end_date = date->ToIso();
  }
  const std::string before = ToJsonText(PairingJson(pairing, context.state().dictionaries));
  store::PairingStore store(context.db(), context.state().dictionaries);
  RequireAccepted(store.EndPairing(pairing.id, WriteFor(context), end_date), core::PairingFields());
  const boost::json::object after =
      PairingJson(FindPairing(context, pairing.id), context.state().dictionaries);
  context.Audit("end", "pairing", std::to_string(pairing.id), before, ToJsonText(after));
  return Response::Json(after);
}

// The pairing board of a village: its leaders and units, each group with its leading cadre,
// each household with its helpers.
Response Board(Context& context) {
  context.Require("pairing:pairing:list");
  const std::string code = context.request().QueryValue("village");
  if (core::LevelOfCode(code) != core::RegionLevel::kVillage) {
    throw ApiError(
        400, "bad_parameter", "village 应为12位村代码",
        boost::json::array{boost::json::object{{"field", "village"}, {"code", "bad_parameter"}}});
  }
  // A cadre or a unit sees the board through their own pairings and households.
  const bool region_scoped = context.scope().kind == store::DataScope::Kind::kAll ||
                             context.scope().kind == store::DataScope::Kind::kRegion;
  const store::Region village = region_scoped ? VisibleRegion(context, code) : [&] {
    auto found = store::RegionRepository(context.db()).Get(code);
    if (!found) {
      throw ApiError(404, "not_found", "区划 " + code + " 不存在或不在您的管理范围内");
    }
    return *found;
  }();
  const core::DictionarySet& dictionaries = context.state().dictionaries;
  store::PairingFilter filter;
  filter.region = code;
  const auto pairings = store::PairingRepository(context.db()).Pairings(filter, context.scope());

  boost::json::array village_pairings;
  std::map<std::string, boost::json::array> by_group;
  std::map<std::int64_t, boost::json::array> by_household;
  for (const store::StoredPairing& pairing : pairings) {
    if (pairing.household_id) {
      by_household[*pairing.household_id].push_back(PairingJson(pairing, dictionaries));
    } else if (!pairing.group_code.empty()) {
      by_group[pairing.group_code].push_back(PairingJson(pairing, dictionaries));
    } else {
      village_pairings.push_back(PairingJson(pairing, dictionaries));
    }
  }
  std::map<std::string, boost::json::array> households_of_group;
  boost::json::array without_group;
  store::HouseholdFilter household_filter;
  household_filter.region = code;
  store::HouseholdRepository(context.db())
      .ForEach(household_filter, context.scope(), [&](const store::StoredHousehold& stored) {
        const auto helpers = by_household.find(stored.id);
        boost::json::object entry{
            {"household_no", stored.household.household_no},
            {"head_name", stored.household.head_name},
            {"category", stored.household.category},
            {"category_label",
             dictionaries.Get(core::dict::kHouseholdCategory).Label(stored.household.category)},
            {"pairings", helpers == by_household.end() ? boost::json::array() : helpers->second}};
        if (stored.household.group.empty()) {
          without_group.push_back(std::move(entry));
        } else {
          households_of_group[stored.household.group].push_back(std::move(entry));
        }
      });
  boost::json::array groups;
  for (const store::Region& group : store::RegionRepository(context.db()).Children(code)) {
    auto pairs = by_group.find(group.code);
    auto members = households_of_group.find(group.code);
    if (!region_scoped && members == households_of_group.end() && pairs == by_group.end()) {
      continue;  // nothing of theirs in this group
    }
    groups.push_back(boost::json::object{
        {"code", group.code},
        {"name", group.name},
        {"pairings", pairs == by_group.end() ? boost::json::array() : pairs->second},
        {"households",
         members == households_of_group.end() ? boost::json::array() : members->second}});
  }
  return Response::Json(boost::json::object{
      {"village", boost::json::object{{"code", village.code}, {"name", village.name}}},
      {"pairings", village_pairings},
      {"groups", groups},
      {"households_without_group", without_group}});
}

// ---- the leadership group and office of a region ----

Response GetOrganisation(Context& context) {
  context.Require("pairing:organisation:query");
  const store::Region region = VisibleRegionParam(context);
  boost::json::array members;
  for (const store::OrganisationMember& member :
       store::PairingRepository(context.db()).Organisation(region.code)) {
    members.push_back(MemberJson(member, context.state().dictionaries));
  }
  return Response::Json(boost::json::object{
      {"region", boost::json::object{{"code", region.code}, {"name", region.name}}},
      {"members", members}});
}

Response PutOrganisation(Context& context) {
  context.Require("pairing:organisation:edit");
  context.RequireWrite();
  const store::Region region = VisibleRegion(context, context.Param("code"));
  if (region.level > core::RegionLevel::kTownship) {
    throw ApiError(400, "bad_parameter", "领导小组和双联办设在乡镇及以上");
  }
  const boost::json::object body = ParseJsonObject(context.request());
  const auto* list = body.if_contains("members");
  if (list == nullptr || !list->is_array() || list->as_array().size() > 200) {
    throw ApiError(
        400, "validation_failed", "members 应为不超过200人的列表",
        boost::json::array{boost::json::object{{"field", "members"}, {"code", "bad_type"}}});
  }
  const core::Dictionary& roles = context.state().dictionaries.Get("organisation_role");
  std::vector<store::OrganisationMember> members;
  boost::json::array errors;
  for (const boost::json::value& value : list->as_array()) {
    const std::string where = "第 " + std::to_string(members.size() + 1) + " 人";
    if (!value.is_object()) {
      errors.push_back(boost::json::object{
          {"field", "members"}, {"code", "bad_type"}, {"message", where + "应为对象"}});
      members.emplace_back();
      continue;
    }
    store::OrganisationMember member;
    member.region_code = region.code;
    const std::string role = TextField(value.as_object(), "role").value_or("");
    const core::DictionaryItem* item = roles.Find(role);
    if (item == nullptr) {
      errors.push_back(boost::json::object{{"field", "role"},
                                           {"code", "not_in_dictionary"},
                                           {"message", where + "的职务“" + role + "”不在字典中"}});
    } else {
      member.role = item->code;
    }
    member.name = std::string(core::Trim(TextField(value.as_object(), "name").value_or("")));
    if (member.name.empty() || member.name.size() > 60) {
      errors.push_back(boost::json::object{
          {"field", "name"}, {"code", "required"}, {"message", where + "缺少姓名"}});
    }
    member.title = TextField(value.as_object(), "title").value_or("");
    member.phone = TextField(value.as_object(), "phone", true).value_or("");
    if (member.title.size() > 100 || member.phone.size() > 30) {
      errors.push_back(boost::json::object{
          {"field", "title"}, {"code", "too_long"}, {"message", where + "的职务或电话过长"}});
    }
    member.sort_order = static_cast<int>(members.size());
    members.push_back(std::move(member));
  }
  if (!errors.empty()) {
    const std::string message = errors.front().as_object().at("message").as_string().c_str();
    throw ApiError(400, "validation_failed", message, std::move(errors));
  }
  store::PairingRepository repository(context.db());
  boost::json::array before;
  for (const store::OrganisationMember& member : repository.Organisation(region.code)) {
    before.push_back(MemberJson(member, context.state().dictionaries));
  }
  repository.ReplaceOrganisation(region.code, members);
  boost::json::array after;
  for (const store::OrganisationMember& member : members) {
    after.push_back(MemberJson(member, context.state().dictionaries));
  }
  context.Audit("update", "organisation", region.code, ToJsonText(before), ToJsonText(after));
  return Response::Json(boost::json::object{
      {"region", boost::json::object{{"code", region.code}, {"name", region.name}}},
      {"members", after}});
}

}  // namespace

std::vector<Route> PairingRoutes() {
  return {
      {"GET", "/api/v1/units", ListUnits},
      {"POST", "/api/v1/units", CreateUnit},
      {"GET", "/api/v1/units/{id}", GetUnit},
      {"PUT", "/api/v1/units/{id}", UpdateUnit},
      {"GET", "/api/v1/helpers", ListHelpers},
      {"POST", "/api/v1/helpers", CreateHelper},
      {"GET", "/api/v1/helpers/{id}", GetHelper},
      {"PUT", "/api/v1/helpers/{id}", UpdateHelper},
      {"GET", "/api/v1/pairings", ListPairings},
      {"POST", "/api/v1/pairings", CreatePairing},
      {"POST", "/api/v1/pairings/{id}/end", EndPairing},
      {"GET", "/api/v1/pairing-board", Board},
      {"GET", "/api/v1/organisation", GetOrganisation},
      {"PUT", "/api/v1/organisation/{code}", PutOrganisation},
  };
}

}  // namespace shuanglian::api
