#include "api/user_json.h"

#include <boost/json.hpp>

#include "core/region_code.h"
#include "store/pairing_repository.h"
#include "store/region_repository.h"

namespace shuanglian::api {

namespace {

boost::json::value IdOrNull(const std::optional<std::int64_t>& id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

std::string ScopeLabel(store::Database& database, const store::User& user, const core::Role* role,
                       const std::string& region_name) {
  if (role == nullptr) {
    return "无";
  }
  switch (role->scope) {
    case core::ScopeKind::kAll:
      return "全部";
    case core::ScopeKind::kRegion:
      return region_name.empty() ? "无" : region_name;
    case core::ScopeKind::kUnit:
      if (user.unit_id) {
        if (const auto unit = store::PairingRepository(database).UnitById(
                *user.unit_id, store::DataScope::System())) {
          return unit->unit.name;
        }
      }
      return "无";
    case core::ScopeKind::kHelper:
      if (user.helper_id) {
        if (const auto helper = store::PairingRepository(database).HelperById(
                *user.helper_id, store::DataScope::System())) {
          return helper->helper.name + " 的结对户";
        }
      }
      return "尚无结对";
  }
  return "无";
}

}  // namespace

boost::json::object UserJson(store::Database& database, const store::User& user,
                             const core::Role* role) {
  boost::json::value region = nullptr;
  std::string region_name;
  if (!user.region_code.empty()) {
    const auto stored = store::RegionRepository(database).Get(user.region_code);
    region_name = stored ? stored->name : user.region_code;
    const auto level = core::LevelOfCode(user.region_code);
    region = boost::json::object{{"code", user.region_code},
                                 {"name", region_name},
                                 {"level", level ? std::string(core::LevelName(*level)) : ""}};
  }
  boost::json::array permissions;
  if (role != nullptr) {
    for (const std::string& permission : role->permissions) {
      permissions.emplace_back(permission);
    }
  }
  return boost::json::object{
      {"id", user.id},
      {"username", user.username},
      {"display_name", user.display_name},
      {"role", user.role},
      {"role_label", role ? role->label : user.role},
      {"region", region},
      {"unit_id", IdOrNull(user.unit_id)},
      {"helper_id", IdOrNull(user.helper_id)},
      {"scope_label", ScopeLabel(database, user, role, region_name)},
      {"permissions", permissions},
      {"sees_personal_data", role != nullptr && role->sees_personal_data},
      {"read_only", role == nullptr || role->read_only},
      {"disabled", user.disabled},
      {"locked_until",
       user.locked_until ? boost::json::value(*user.locked_until) : boost::json::value(nullptr)},
      {"created_at", user.created_at},
  };
}

}  // namespace shuanglian::api
