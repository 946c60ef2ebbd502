#include "demo/helper_generator.h"

#include <filesystem>
#include <map>

#include "core/date.h"
#include "core/pairing.h"
#include "core/region_code.h"
#include "demo/people.h"
#include "demo/record_csv.h"

namespace shuanglian::demo {

namespace {

constexpr core::Date kReferenceDate{2012, 3, 1};
constexpr int kCountyUnitsPerCounty = 2;
constexpr double kCountyUnitVillageShare = 0.3;

core::RawRecord Record(std::size_t fields,
                       std::initializer_list<std::pair<int, std::string>> cells) {
  core::RawRecord record(fields);
  for (const auto& [index, text] : cells) {
    record[static_cast<std::size_t>(index)].text = text;
  }
  return record;
}

}  // namespace

HelperGenerateResult GenerateHelperFiles(const HelperGenerateOptions& options) {
  std::filesystem::create_directories(options.output_dir);
  std::vector<const store::Region*> counties;
  std::vector<const store::Region*> townships;
  std::map<std::string, std::vector<const store::Region*>> villages_of_county;
  for (const store::Region& region : options.regions) {
    if (region.level == core::RegionLevel::kCounty) {
      counties.push_back(&region);
    } else if (region.level == core::RegionLevel::kTownship) {
      townships.push_back(&region);
    } else if (region.level == core::RegionLevel::kVillage) {
      villages_of_county[region.code.substr(0, 6)].push_back(&region);
    }
  }
  HelperGenerateResult result;
  const std::size_t unit_fields = core::UnitFields().size();
  RecordCsvWriter units(options.output_dir + "/units.csv", core::UnitFields());
  struct UnitSlot {
    std::string name;
    bool county = false;
  };
  std::vector<UnitSlot> township_units;
  std::vector<UnitSlot> county_units;
  for (const store::Region* township : townships) {
    const std::string name = township->name + "人民政府（" + township->code + "）";
    units.Write(Record(unit_fields, {{core::kUnitName, name},
                                     {core::kUnitType, "国家机关"},
                                     {core::kUnitAffiliation, "乡镇"},
                                     {core::kUnitRegion, township->code}}));
    township_units.push_back({name, false});
  }
  for (const store::Region* county : counties) {
    for (int index = 1; index <= kCountyUnitsPerCounty; ++index) {
      const std::string name =
          county->name + "直属单位" + std::to_string(index) + "（" + county->code + "）";
      units.Write(Record(unit_fields, {{core::kUnitName, name},
                                       {core::kUnitType, "事业单位"},
                                       {core::kUnitAffiliation, "县/区"},
                                       {core::kUnitRegion, county->code}}));
      county_units.push_back({name, true});
    }
  }
  units.Close();
  result.units = static_cast<std::int64_t>(township_units.size() + county_units.size());

  // Cadres: 70% to the township units, 30% to the county units, round robin.
  PeopleGenerator people(options.seed, kReferenceDate);
  Random& random = people.random();
  const std::size_t helper_fields = core::HelperFields().size();
  RecordCsvWriter helpers(options.output_dir + "/helpers.csv", core::HelperFields());
  const std::int64_t to_townships = options.cadres * 7 / 10;
  for (std::int64_t index = 0; index < options.cadres; ++index) {
    const bool township = index < to_townships || county_units.empty();
    const auto& pool = township ? township_units : county_units;
    const std::int64_t slot = township ? index : index - to_townships;
    const UnitSlot& unit = pool[static_cast<std::size_t>(slot) % pool.size()];
    // 139 and eight digits: unique for up to 99,999,999 cadres (the option allows 10 million).
    char phone[24];
    std::snprintf(phone, sizeof phone, "139%08lld", static_cast<long long>(index + 1));
    helpers.Write(Record(helper_fields, {{core::kHelperName,
                                          people.FullName(random.Chance(0.7) ? core::Sex::kMale
                                                                             : core::Sex::kFemale)},
                                         {core::kHelperKind, "帮扶干部"},
                                         {core::kHelperUnit, unit.name},
                                         {core::kHelperRank, "科员级"},
                                         {core::kHelperPhone, phone}}));
  }
  helpers.Close();
  result.helpers = options.cadres;

  // County units paired with a share of their county's villages.
  const std::size_t pairing_fields = core::PairingFields().size();
  RecordCsvWriter pairings(options.output_dir + "/pairings.csv", core::PairingFields());
  for (std::size_t county = 0; county < counties.size(); ++county) {
    const auto& villages = villages_of_county[counties[county]->code];
    for (std::size_t village = 0; village < villages.size(); ++village) {
      if (!random.Chance(kCountyUnitVillageShare)) {
        continue;
      }
      const UnitSlot& unit =
          county_units[county * kCountyUnitsPerCounty + village % kCountyUnitsPerCounty];
      pairings.Write(Record(pairing_fields, {{core::kPairingKind, "单位联系村"},
                                             {core::kPairingUnit, unit.name},
                                             {core::kPairingVillage, villages[village]->code},
                                             {core::kPairingStart, "2012-03-01"}}));
      ++result.pairings;
    }
  }
  pairings.Close();
  return result;
}

}  // namespace shuanglian::demo
