#include "store/pairing_store.h"

#include "core/region_code.h"
#include "store/household_repository.h"
#include "store/pairing_repository.h"
#include "store/region_repository.h"

namespace shuanglian::store {

namespace {

RowResult Rejected(const char* column, const std::string& code, std::string message) {
  RowResult result;
  result.outcome = RowOutcome::kRejected;
  result.error = core::FieldError{column, code, std::move(message)};
  return result;
}

RowResult Outcome(RowOutcome outcome) {
  RowResult result;
  result.outcome = outcome;
  return result;
}

bool SameUnit(const core::Unit& a, const core::Unit& b) {
  return a.name == b.name && a.unit_type == b.unit_type && a.affiliation == b.affiliation &&
         a.parent_name == b.parent_name && a.region_code == b.region_code &&
         a.address == b.address && a.leader_name == b.leader_name && a.phone == b.phone;
}

bool SameHelper(const core::Helper& a, const core::Helper& b) {
  return a.name == b.name && a.kind == b.kind && a.unit_name == b.unit_name && a.rank == b.rank &&
         a.title == b.title && a.flags == b.flags && a.phone == b.phone &&
         a.region_code == b.region_code;
}

// Would making `parent_id` the parent of unit `id` close a loop (A under B under A)?
bool MakesCycle(Database& database, std::int64_t id, std::optional<std::int64_t> parent_id) {
  for (int depth = 0; parent_id && depth < 64; ++depth) {
    if (*parent_id == id) {
      return true;
    }
    const auto rows = database.Query("SELECT parent_id FROM units WHERE id = $1", {*parent_id});
    parent_id = rows.empty() ? std::nullopt : rows[0].OptInt(0);
  }
  return parent_id.has_value();  // deeper than any real hierarchy: a loop further up
}

RowResult PhoneTaken(const std::string& phone, const std::string& owner) {
  return Rejected("联系电话", "phone_taken",
                  "电话号码 " + phone + " 已登记为“" + owner + "”的号码，一个号码只能属于一人");
}

// Units and helpers are not tied to one region: administrators and offices keep them.
bool MayKeepHelpers(const DataScope& scope) {
  return scope.can_write &&
         (scope.kind == DataScope::Kind::kAll || scope.kind == DataScope::Kind::kRegion);
}

}  // namespace

std::optional<RowResult> PairingStore::CheckUnit(const core::Unit& unit,
                                                 const WriteContext& context,
                                                 std::optional<std::int64_t>* parent_id) {
  if (!MayKeepHelpers(context.scope)) {
    return Rejected("单位名称", "out_of_scope", "您的角色不能登记帮扶单位");
  }
  PairingRepository repository(database_);
  if (!unit.parent_name.empty()) {
    const auto parent = repository.UnitByName(unit.parent_name);
    if (!parent) {
      return Rejected("上级单位", "unknown_unit", "上级单位“" + unit.parent_name + "”尚未登记");
    }
    *parent_id = parent->id;
  }
  if (!unit.region_code.empty() && !RegionRepository(database_).Get(unit.region_code)) {
    return Rejected("所在区划代码", "unknown_region", "区划代码“" + unit.region_code + "”不存在");
  }
  return std::nullopt;
}

std::optional<RowResult> PairingStore::CheckHelper(const core::Helper& helper,
                                                   const WriteContext& context,
                                                   std::optional<std::int64_t>* unit_id) {
  if (!MayKeepHelpers(context.scope)) {
    return Rejected("姓名", "out_of_scope", "您的角色不能登记帮扶力量");
  }
  if (!helper.unit_name.empty()) {
    const auto unit = PairingRepository(database_).UnitByName(helper.unit_name);
    if (!unit) {
      return Rejected("所在单位", "unknown_unit",
                      "单位“" + helper.unit_name + "”尚未登记，请先导入帮扶单位");
    }
    *unit_id = unit->id;
  }
  if (!helper.region_code.empty() && !RegionRepository(database_).Get(helper.region_code)) {
    return Rejected("所在区划代码", "unknown_region", "区划代码“" + helper.region_code + "”不存在");
  }
  return std::nullopt;
}

RowResult PairingStore::UpsertUnit(const core::Unit& unit, const WriteContext& context,
                                   std::int64_t* id) {
  std::optional<std::int64_t> parent_id;
  if (auto refused = CheckUnit(unit, context, &parent_id)) {
    return *refused;
  }
  PairingRepository repository(database_);
  const auto existing = repository.UnitByName(unit.name);
  if (!existing) {
    const std::int64_t created = repository.CreateUnit(unit, parent_id, context.now);
    if (id != nullptr) {
      *id = created;
    }
    return Outcome(RowOutcome::kInserted);
  }
  if (id != nullptr) {
    *id = existing->id;
  }
  if (SameUnit(existing->unit, unit)) {
    return Outcome(RowOutcome::kUnchanged);
  }
  if (MakesCycle(database_, existing->id, parent_id)) {
    return Rejected("上级单位", "cycle",
                    "上级单位“" + unit.parent_name + "”是本单位或其下级，不能互为上级");
  }
  repository.UpdateUnit(existing->id, unit, parent_id, context.now);
  return Outcome(RowOutcome::kUpdated);
}

RowResult PairingStore::UpdateUnit(std::int64_t id, const core::Unit& unit,
                                   const WriteContext& context) {
  std::optional<std::int64_t> parent_id;
  if (auto refused = CheckUnit(unit, context, &parent_id)) {
    return *refused;
  }
  PairingRepository repository(database_);
  const auto existing = repository.UnitById(id, context.scope);
  if (!existing) {
    return Rejected("单位", "not_found", "单位不存在或不在您的管理范围内");
  }
  if (const auto named = repository.UnitByName(unit.name); named && named->id != id) {
    return Rejected("单位名称", "duplicate", "已有名为“" + unit.name + "”的单位");
  }
  if (MakesCycle(database_, id, parent_id)) {
    return Rejected("上级单位", "cycle",
                    "上级单位“" + unit.parent_name + "”是本单位或其下级，不能互为上级");
  }
  if (SameUnit(existing->unit, unit)) {
    return Outcome(RowOutcome::kUnchanged);
  }
  repository.UpdateUnit(id, unit, parent_id, context.now);
  return Outcome(RowOutcome::kUpdated);
}

RowResult PairingStore::UpsertHelper(const core::Helper& helper, const WriteContext& context,
                                     std::int64_t* id) {
  std::optional<std::int64_t> unit_id;
  if (auto refused = CheckHelper(helper, context, &unit_id)) {
    return *refused;
  }
  PairingRepository repository(database_);
  const auto existing = repository.HelperByPhone(helper.phone);
  if (!existing) {
    const std::int64_t created = repository.CreateHelper(helper, unit_id, context.now);
    if (id != nullptr) {
      *id = created;
    }
    return Outcome(RowOutcome::kInserted);
  }
  if (existing->helper.name != helper.name) {
    return PhoneTaken(helper.phone, existing->helper.name);
  }
  if (id != nullptr) {
    *id = existing->id;
  }
  if (SameHelper(existing->helper, helper)) {
    return Outcome(RowOutcome::kUnchanged);
  }
  repository.UpdateHelper(existing->id, helper, unit_id, context.now);
  return Outcome(RowOutcome::kUpdated);
}

RowResult PairingStore::UpdateHelper(std::int64_t id, const core::Helper& helper,
                                     const WriteContext& context) {
  std::optional<std::int64_t> unit_id;
  if (auto refused = CheckHelper(helper, context, &unit_id)) {
    return *refused;
  }
  PairingRepository repository(database_);
  const auto existing = repository.HelperById(id, context.scope);
  if (!existing) {
    return Rejected("帮扶人", "not_found", "帮扶人不存在或不在您的管理范围内");
  }
  if (const auto owner = repository.HelperByPhone(helper.phone); owner && owner->id != id) {
    return PhoneTaken(helper.phone, owner->helper.name);
  }
  if (SameHelper(existing->helper, helper)) {
    return Outcome(RowOutcome::kUnchanged);
  }
  repository.UpdateHelper(id, helper, unit_id, context.now);
  return Outcome(RowOutcome::kUpdated);
}

RowResult PairingStore::ApplyPairing(const core::PairingInput& input, const WriteContext& context,
                                     std::int64_t* id) {
  const core::DictionaryItem* kind_item = dictionaries_.Get("pairing_kind").FindCode(input.kind);
  if (kind_item == nullptr) {
    return Rejected("结对类型", "not_in_dictionary", "结对类型“" + input.kind + "”不存在");
  }
  const core::PairingKindInfo kind = core::PairingKindOf(*kind_item);
  PairingRepository repository(database_);
  StoredPairing pairing;
  pairing.kind = kind.code;
  pairing.start_date = input.start_date.ToIso();
  pairing.note = input.note;
  pairing.created_by = context.actor;

  // The subject: a helper (by phone) of the kind the pairing wants, or a unit (by name).
  if (kind.helper_subject) {
    const auto helper = repository.HelperByPhone(input.helper_phone);
    if (!helper) {
      return Rejected("帮扶人电话", "unknown_helper",
                      "电话为 " + input.helper_phone + " 的帮扶人尚未登记");
    }
    if (!kind.helper_kind.empty() && helper->helper.kind != kind.helper_kind) {
      return Rejected("结对类型", "wrong_helper_kind",
                      kind.label + "须由“" +
                          dictionaries_.Get("helper_kind").Label(kind.helper_kind) + "”承担，“" +
                          helper->helper.name + "”是" +
                          dictionaries_.Get("helper_kind").Label(helper->helper.kind));
    }
    pairing.helper_id = helper->id;
  } else {
    const auto unit = repository.UnitByName(input.unit_name);
    if (!unit) {
      return Rejected("帮扶单位", "unknown_unit", "单位“" + input.unit_name + "”尚未登记");
    }
    const core::DictionaryItem* type =
        dictionaries_.Get("unit_type").FindCode(unit->unit.unit_type);
    const bool enterprise = type != nullptr && type->HasFlag("enterprise");
    if (kind.enterprise_only != enterprise) {
      return Rejected("结对类型", "wrong_unit_type",
                      kind.enterprise_only
                          ? "“" + unit->unit.name + "”不是非公企业，应登记为单位联系村"
                          : "“" + unit->unit.name + "”是非公企业，应登记为企业联系村");
    }
    pairing.unit_id = unit->id;
  }

  // The target: a village, a group or a household that exists, within the user's scope.
  RegionRepository regions(database_);
  if (kind.target == "village") {
    const auto village = regions.Get(input.village_code);
    if (!village || village->level != core::RegionLevel::kVillage) {
      return Rejected("村代码", "unknown_village", "村代码“" + input.village_code + "”不存在");
    }
    pairing.village_code = input.village_code;
  } else if (kind.target == "group") {
    const auto group = regions.Get(input.group_code);
    if (!group || group->level != core::RegionLevel::kGroup) {
      return Rejected("村民小组代码", "unknown_group",
                      "村民小组代码“" + input.group_code + "”不存在");
    }
    pairing.village_code = input.group_code.substr(0, 12);
    pairing.group_code = input.group_code;
  } else {
    const auto household =
        HouseholdRepository(database_).Get(input.household_no, DataScope::System());
    if (!household || !CanWriteVillage(context.scope, household->household.village_code)) {
      return Rejected("户编号", "unknown_household",
                      "户编号“" + input.household_no + "”不存在或不在您的管理范围内");
    }
    pairing.village_code = household->household.village_code;
    pairing.household_id = household->id;
  }
  if (!CanWriteVillage(context.scope, pairing.village_code)) {
    return Rejected("村代码", "out_of_scope", "村 " + pairing.village_code + " 不在您的管理范围内");
  }

  // What is already there: the same pairing (unchanged), or one of the same kind that this
  // one replaces (one helper per household or group).
  PairingFilter filter;
  filter.kind = kind.code;
  if (pairing.household_id) {
    filter.household_id = pairing.household_id;
  } else {
    filter.region = pairing.group_code.empty() ? pairing.village_code : pairing.group_code;
  }
  std::optional<StoredPairing> replaced;
  for (const StoredPairing& active : repository.Pairings(filter, DataScope::System())) {
    if (active.group_code != pairing.group_code ||
        (pairing.household_id && active.household_id != pairing.household_id) ||
        (!pairing.household_id && active.household_id)) {
      continue;
    }
    if (active.helper_id == pairing.helper_id && active.unit_id == pairing.unit_id) {
      if (id != nullptr) {
        *id = active.id;
      }
      return Outcome(RowOutcome::kUnchanged);
    }
    // One helper per household and per group; villages may have several leaders and units.
    if (kind.target != "village") {
      replaced = active;
    }
  }
  if (kind.quota) {
    const std::int64_t limit =
        repository.EffectiveRule(pairing.village_code, dictionaries_).max_households_per_cadre;
    if (repository.QuotaLoad(*pairing.helper_id) >= limit) {
      return Rejected("帮扶人电话", "max_households_per_cadre",
                      "规则 max_households_per_cadre：每名干部最多联系 " + std::to_string(limit) +
                          " 户，该干部已满");
    }
  }
  if (replaced && pairing.start_date < replaced->start_date) {
    return Rejected("开始日期", "before_current",
                    "开始日期 " + pairing.start_date + " 早于现任帮扶人的开始日期 " +
                        replaced->start_date + "；更换帮扶人的日期不能早于原结对开始之日");
  }
  if (replaced) {
    repository.EndPairing(replaced->id, pairing.start_date);
  }
  const std::int64_t created =
      repository.OpenPairing(pairing, core::CountyCodeOf(pairing.village_code), context.now);
  if (id != nullptr) {
    *id = created;
  }
  return Outcome(replaced ? RowOutcome::kUpdated : RowOutcome::kInserted);
}

RowResult PairingStore::EndPairing(std::int64_t pairing_id, const WriteContext& context,
                                   const std::string& end_date) {
  PairingRepository repository(database_);
  const auto pairing = repository.PairingById(pairing_id, DataScope::System());
  if (!pairing || !pairing->end_date.empty()) {
    return Rejected("结对", "not_found", "结对关系不存在或已结束");
  }
  if (!CanWriteVillage(context.scope, pairing->village_code)) {
    return Rejected("村代码", "out_of_scope", "该结对不在您的管理范围内");
  }
  if (end_date < pairing->start_date) {
    return Rejected("结束日期", "before_start",
                    "结束日期 " + end_date + " 早于结对开始日期 " + pairing->start_date);
  }
  const core::CoverageRule rule = repository.EffectiveRule(pairing->village_code, dictionaries_);
  PairingFilter same;
  same.active_only = true;
  if (core::CoversHousehold(pairing->kind) && pairing->household_id) {
    same.household_id = pairing->household_id;
    const auto household =
        HouseholdRepository(database_).Get(pairing->household_no, DataScope::System());
    std::int64_t others = 0;
    for (const StoredPairing& active : repository.Pairings(same, DataScope::System())) {
      others += (active.id != pairing->id && core::CoversHousehold(active.kind)) ? 1 : 0;
    }
    if (household && others == 0 &&
        rule.required_categories.count(household->household.category) > 0) {
      return Rejected("结对", "household_coverage",
                      "规则 household_coverage：户“" + pairing->household_no +
                          "”须有帮扶人；请直接为其更换帮扶人（原结对自动结束）");
    }
  }
  if (pairing->kind == "leader_village" || pairing->kind == "unit_village" ||
      pairing->kind == "enterprise_village") {
    const bool leader = pairing->kind == "leader_village";
    if (leader ? rule.village_needs_leader : rule.village_needs_unit) {
      same.region = pairing->village_code;
      std::int64_t others = 0;
      for (const StoredPairing& active : repository.Pairings(same, DataScope::System())) {
        const bool counts =
            leader ? active.kind == "leader_village"
                   : (active.kind == "unit_village" || active.kind == "enterprise_village");
        others += (counts && active.id != pairing->id && !active.household_id &&
                   active.group_code.empty())
                      ? 1
                      : 0;
      }
      if (others == 0) {
        return Rejected("结对", leader ? "village_needs_leader" : "village_needs_unit",
                        std::string("规则 ") +
                            (leader ? "village_needs_leader：每个村须有联系领导"
                                    : "village_needs_unit：每个村须有帮扶单位") +
                            "；请先为该村安排新的结对");
      }
    }
  }
  if (pairing->kind == "cadre_group" && rule.group_needs_cadre) {
    // A group keeps its leading cadre until another takes over (a new pairing replaces).
    return Rejected("结对", "group_needs_cadre",
                    "规则 group_needs_cadre：每个村民小组须有联系干部；请直接为该组更换联系干部"
                    "（原结对自动结束）");
  }
  repository.EndPairing(pairing_id, end_date);
  return Outcome(RowOutcome::kUpdated);
}

}  // namespace shuanglian::store
