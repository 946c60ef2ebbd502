#include "api/pairing_json.h"

#include <boost/json.hpp>

namespace shuanglian::api {

namespace {

boost::json::value TextOrNull(const std::string& text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

boost::json::value Reference(const std::optional<std::int64_t>& id, const std::string& name) {
  return id ? boost::json::value(boost::json::object{{"id", *id}, {"name", name}})
            : boost::json::value(nullptr);
}

}  // namespace

boost::json::object UnitJson(const store::StoredUnit& stored,
                             const core::DictionarySet& dictionaries) {
  const core::Unit& unit = stored.unit;
  return boost::json::object{
      {"id", stored.id},
      {"name", unit.name},
      {"unit_type", unit.unit_type},
      {"unit_type_label", dictionaries.Get("unit_type").Label(unit.unit_type)},
      {"affiliation", unit.affiliation},
      {"affiliation_label", dictionaries.Get("affiliation").Label(unit.affiliation)},
      {"parent", Reference(stored.parent_id, unit.parent_name)},
      {"region_code", TextOrNull(unit.region_code)},
      {"address", unit.address},
      {"leader_name", unit.leader_name},
      {"phone", unit.phone},
      {"helpers", stored.helpers}};
}

boost::json::object HelperJson(const store::StoredHelper& stored,
                               const core::DictionarySet& dictionaries) {
  const core::Helper& helper = stored.helper;
  boost::json::array flags;
  boost::json::array flag_labels;
  for (const std::string& flag : helper.flags) {
    flags.emplace_back(flag);
    flag_labels.emplace_back(dictionaries.Get("helper_flag").Label(flag));
  }
  return boost::json::object{
      {"id", stored.id},
      {"name", helper.name},
      {"kind", helper.kind},
      {"kind_label", dictionaries.Get("helper_kind").Label(helper.kind)},
      {"unit", Reference(stored.unit_id, helper.unit_name)},
      {"rank", TextOrNull(helper.rank)},
      {"rank_label", helper.rank.empty()
                         ? boost::json::value(nullptr)
                         : boost::json::value(dictionaries.Get("rank").Label(helper.rank))},
      {"title", helper.title},
      {"flags", flags},
      {"flag_labels", flag_labels},
      {"phone", helper.phone},
      {"region_code", TextOrNull(helper.region_code)},
      {"households", stored.households}};
}

boost::json::object PairingJson(const store::StoredPairing& pairing,
                                const core::DictionarySet& dictionaries) {
  boost::json::value helper = nullptr;
  if (pairing.helper_id) {
    helper = boost::json::object{{"id", *pairing.helper_id},
                                 {"name", pairing.helper_name},
                                 {"phone", pairing.helper_phone},
                                 {"unit", pairing.helper_unit_name}};
  }
  boost::json::value household = nullptr;
  if (pairing.household_id) {
    household = boost::json::object{{"household_no", pairing.household_no},
                                    {"head_name", pairing.head_name}};
  }
  return boost::json::object{{"id", pairing.id},
                             {"kind", pairing.kind},
                             {"kind_label", dictionaries.Get("pairing_kind").Label(pairing.kind)},
                             {"helper", helper},
                             {"unit", Reference(pairing.unit_id, pairing.unit_name)},
                             {"village_code", pairing.village_code},
                             {"group_code", TextOrNull(pairing.group_code)},
                             {"household", household},
                             {"start_date", pairing.start_date},
                             {"end_date", TextOrNull(pairing.end_date)},
                             {"active", pairing.end_date.empty()},
                             {"note", pairing.note},
                             {"created_by", pairing.created_by}};
}

boost::json::object MemberJson(const store::OrganisationMember& member,
                               const core::DictionarySet& dictionaries) {
  return boost::json::object{
      {"role", member.role},
      {"role_label", dictionaries.Get("organisation_role").Label(member.role)},
      {"name", member.name},
      {"title", member.title},
      {"phone", member.phone}};
}

}  // namespace shuanglian::api
