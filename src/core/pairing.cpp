#include "core/pairing.h"

#include "core/region_code.h"
#include "core/text.h"

namespace shuanglian::core {

PairingKindInfo PairingKindOf(const DictionaryItem& item) {
  PairingKindInfo info;
  info.code = item.code;
  info.label = item.label;
  info.helper_subject = item.Attribute("subject") != "unit";
  info.target = item.Attribute("target");
  info.helper_kind = item.Attribute("helper_kind");
  info.enterprise_only = item.HasFlag("unit_enterprise");
  info.quota = item.HasFlag("quota");
  return info;
}

bool CoversHousehold(const std::string& kind) {
  return kind == "cadre_household" || kind == "leader_household" || kind == "wealthy_household";
}

CoverageRule CoverageRule::Default(const DictionarySet& dictionaries) {
  CoverageRule rule;
  for (const DictionaryItem& item : dictionaries.Get(dict::kHouseholdCategory).items()) {
    if (item.HasFlag("poor")) {
      rule.required_categories.insert(item.code);
    }
  }
  return rule;
}

std::int64_t QuotaAt(const std::map<std::string, CoverageRule>& rules, std::string_view region_code,
                     std::int64_t fallback) {
  for (std::string code(region_code); !code.empty(); code = ParentCode(code)) {
    if (const auto found = rules.find(code); found != rules.end()) {
      return found->second.max_households_per_cadre;
    }
  }
  return fallback;
}

std::optional<std::string> CoverageRule::SetRequiredCategories(
    const std::vector<std::string>& names, const DictionarySet& dictionaries) {
  std::set<std::string> codes;
  for (const std::string& name : names) {
    const DictionaryItem* item = dictionaries.Get(dict::kHouseholdCategory).Find(name);
    if (item == nullptr) {
      return name;
    }
    codes.insert(item->code);
  }
  required_categories = std::move(codes);
  return std::nullopt;
}

bool CoverageRule::SetRequirement(std::string_view name, bool value) {
  if (name == "village_needs_leader") {
    village_needs_leader = value;
  } else if (name == "village_needs_unit") {
    village_needs_unit = value;
  } else if (name == "group_needs_cadre") {
    group_needs_cadre = value;
  } else {
    return false;
  }
  return true;
}

std::span<const FieldSpec> HelperFields() {
  static const std::vector<FieldSpec> kFields = {
      {kHelperName, "姓名", "name", {"帮扶干部姓名", "干部姓名", "帮扶责任人"}, true, "", ""},
      {kHelperKind,
       "类别",
       "kind",
       {"帮扶力量类别", "人员类别"},
       true,
       "helper_kind",
       "帮扶干部/联系领导/致富带头人"},
      {kHelperUnit,
       "所在单位",
       "unit",
       {"单位", "工作单位", "帮扶单位"},
       false,
       "",
       "须是已登记的帮扶单位"},
      {kHelperRank, "职务级别", "rank", {"职级", "级别"}, false, "rank", ""},
      {kHelperTitle, "职务", "title", {"职位"}, false, "", "如 市委书记"},
      {kHelperFlags,
       "标记",
       "flags",
       {"身份"},
       false,
       "helper_flag",
       "第一书记、工作队队长、驻村队员、村干部；多个用“、”分隔"},
      {kHelperPhone,
       "联系电话",
       "phone",
       {"手机号", "电话", "手机号码"},
       true,
       "",
       "唯一，印在连心卡上"},
      {kHelperRegion, "所在区划代码", "region_code", {"区划代码", "所在村代码"}, false, "", ""},
  };
  return kFields;
}

Validated<Helper> ValidateHelper(const RawRecord& raw, const ValidationContext& context) {
  Validated<Helper> result;
  RecordReader reader(raw, HelperFields(), context, result.errors);
  Helper& helper = result.value;
  helper.name = reader.PersonName(kHelperName);
  helper.kind = reader.DictionaryCode(kHelperKind);
  helper.unit_name = reader.OptionalText(kHelperUnit, 60);
  helper.rank = reader.DictionaryCode(kHelperRank);
  helper.title = reader.OptionalText(kHelperTitle, 60);
  helper.flags = reader.DictionaryCodes(kHelperFlags);
  // The phone is the helper's key: digits only, however it was written.
  helper.phone = PhoneDigits(reader.Phone(kHelperPhone));
  helper.region_code = reader.OptionalText(kHelperRegion, 15);
  if (!helper.region_code.empty() && !LevelOfCode(helper.region_code)) {
    reader.Fail(kHelperRegion, "bad_region_code",
                "所在区划代码“" + helper.region_code + "”不是区划代码");
  }
  if (helper.kind == "cadre" && helper.unit_name.empty() && !reader.HasError(kHelperUnit)) {
    reader.Fail(kHelperUnit, "required", "帮扶干部须填写所在单位");
  }
  return result;
}

std::span<const FieldSpec> UnitFields() {
  static const std::vector<FieldSpec> kFields = {
      {kUnitName, "单位名称", "name", {"单位", "帮扶单位", "名称"}, true, "", "唯一"},
      {kUnitType, "单位类型", "unit_type", {"类型"}, true, "unit_type", ""},
      {kUnitAffiliation,
       "隶属关系",
       "affiliation",
       {"隶属"},
       true,
       "affiliation",
       "中央/省/市/县/区/乡镇"},
      {kUnitParent, "上级单位", "parent", {"主管单位"}, false, "", "须是已登记的单位"},
      {kUnitRegion, "所在区划代码", "region_code", {"区划代码"}, false, "", ""},
      {kUnitAddress, "地址", "address", {"单位地址"}, false, "", ""},
      {kUnitLeader, "负责人", "leader_name", {"单位负责人", "领导"}, false, "", ""},
      {kUnitPhone, "联系电话", "phone", {"电话"}, false, "", ""},
  };
  return kFields;
}

Validated<Unit> ValidateUnit(const RawRecord& raw, const ValidationContext& context) {
  Validated<Unit> result;
  RecordReader reader(raw, UnitFields(), context, result.errors);
  Unit& unit = result.value;
  unit.name = reader.RequiredText(kUnitName, 60);
  unit.unit_type = reader.DictionaryCode(kUnitType);
  unit.affiliation = reader.DictionaryCode(kUnitAffiliation);
  unit.parent_name = reader.OptionalText(kUnitParent, 60);
  unit.region_code = reader.OptionalText(kUnitRegion, 15);
  if (!unit.region_code.empty() && !LevelOfCode(unit.region_code)) {
    reader.Fail(kUnitRegion, "bad_region_code",
                "所在区划代码“" + unit.region_code + "”不是区划代码");
  }
  unit.address = reader.OptionalText(kUnitAddress, 120);
  unit.leader_name = reader.OptionalText(kUnitLeader, 30);
  unit.phone = reader.Phone(kUnitPhone);
  return result;
}

std::span<const FieldSpec> PairingFields() {
  static const std::vector<FieldSpec> kFields = {
      {kPairingKind, "结对类型", "kind", {"类型"}, true, "pairing_kind", ""},
      {kPairingHelperPhone,
       "帮扶人电话",
       "helper_phone",
       {"干部电话", "联系人电话"},
       false,
       "",
       "帮扶人以电话号码识别"},
      {kPairingUnit, "帮扶单位", "unit", {"单位名称", "企业名称"}, false, "", ""},
      {kPairingVillage, "村代码", "village_code", {"所属村代码", "联系村代码"}, false, "", "12位"},
      {kPairingGroup, "村民小组代码", "group_code", {"小组代码"}, false, "", "15位"},
      {kPairingHousehold, "户编号", "household_no", {"联系户编号"}, false, "", ""},
      {kPairingStart, "开始日期", "start_date", {"结对日期"}, false, "", "默认今天"},
      {kPairingNote, "备注", "note", {}, false, "", ""},
  };
  return kFields;
}

Validated<PairingInput> ValidatePairing(const RawRecord& raw, const ValidationContext& context) {
  Validated<PairingInput> result;
  RecordReader reader(raw, PairingFields(), context, result.errors);
  PairingInput& pairing = result.value;
  pairing.kind = reader.DictionaryCode(kPairingKind);
  pairing.helper_phone =
      reader.IsEmpty(kPairingHelperPhone) ? "" : reader.Phone(kPairingHelperPhone);
  pairing.unit_name = reader.OptionalText(kPairingUnit, 60);
  pairing.village_code = reader.OptionalText(kPairingVillage, 12);
  pairing.group_code = reader.OptionalText(kPairingGroup, 15);
  pairing.household_no = reader.OptionalText(kPairingHousehold, 40);
  pairing.start_date = reader.IsEmpty(kPairingStart)
                           ? context.today
                           : reader.DateValue(kPairingStart).value_or(context.today);
  pairing.note = reader.OptionalText(kPairingNote, 200);
  if (pairing.kind.empty()) {
    return result;
  }
  const PairingKindInfo info =
      PairingKindOf(*context.dictionaries.Get("pairing_kind").FindCode(pairing.kind));
  if (info.helper_subject && pairing.helper_phone.empty() &&
      !reader.HasError(kPairingHelperPhone)) {
    reader.Fail(kPairingHelperPhone, "required", info.label + "须填写帮扶人电话");
  }
  if (!info.helper_subject && pairing.unit_name.empty()) {
    reader.Fail(kPairingUnit, "required", info.label + "须填写帮扶单位");
  }
  if (info.target == "village" &&
      (pairing.village_code.size() != 12 || !IsAsciiDigits(pairing.village_code))) {
    reader.Fail(kPairingVillage, "bad_village_code", info.label + "须填写12位村代码");
  }
  if (info.target == "group" &&
      (pairing.group_code.size() != 15 || !IsAsciiDigits(pairing.group_code))) {
    reader.Fail(kPairingGroup, "bad_group_code", info.label + "须填写15位村民小组代码");
  }
  if (info.target == "household" && pairing.household_no.empty()) {
    reader.Fail(kPairingHousehold, "required", info.label + "须填写户编号");
  }
  return result;
}

}  // namespace shuanglian::core
