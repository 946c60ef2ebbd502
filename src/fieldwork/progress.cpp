#include "fieldwork/progress.h"

#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/region_code.h"
#include "store/region_repository.h"

namespace shuanglian::fieldwork {

namespace {

void Add(ProgressRollup& rollup, const core::ProgressCounts& counts, bool behind) {
  ++rollup.cadres;
  rollup.behind_pace += behind ? 1 : 0;
  rollup.totals.stationed_days += counts.stationed_days;
  rollup.totals.households_visited += counts.households_visited;
  rollup.totals.diary_days += counts.diary_days;
  rollup.totals.problems_solved += counts.problems_solved;
  rollup.totals.suggestions += counts.suggestions;
}

// The length of the codes of the region's children; 0 for a village (it has none listed).
int ChildLength(const std::string& region) {
  const auto level = core::LevelOfCode(region);
  if (!level || *level >= core::RegionLevel::kVillage) {
    return 0;
  }
  return core::CodeLength(static_cast<core::RegionLevel>(static_cast<int>(*level) + 1));
}

// The child of `region` a cadre counts under: the one holding where they sit, else the one
// holding a village of theirs; "" when neither lies below the region (they sit at its level).
std::string ChildOf(const std::string& region, int child_length,
                    const store::CadreProgressRow& cadre) {
  if (child_length == 0) {
    return "";
  }
  const auto below = [&](const std::string& code) {
    return code.size() >= static_cast<std::size_t>(child_length) && core::IsWithin(code, region);
  };
  if (below(cadre.place)) {
    return cadre.place.substr(0, static_cast<std::size_t>(child_length));
  }
  if (below(cadre.paired_village)) {
    return cadre.paired_village.substr(0, static_cast<std::size_t>(child_length));
  }
  return "";
}

}  // namespace

ProgressReport ComputeProgress(store::Database& database, const std::string& region_code, int year,
                               const core::Date& today, const store::DataScope& scope,
                               const ProgressOptions& options) {
  store::RegionRepository regions(database);
  const auto region = regions.Get(region_code);
  if (!region) {
    throw std::invalid_argument("区划 " + region_code + " 不存在");
  }
  store::ProgressRepository progress(database);
  ProgressReport report;
  report.region_code = region_code;
  report.region_name = region->name;
  report.year = year;
  report.targets = progress.EffectiveTargets(region_code, &report.targets_from);
  report.expected = core::ExpectedByNow(report.targets.yearly, year, today);
  report.all.key = region_code;
  report.all.name = region->name;

  std::map<std::int64_t, ProgressRollup> units;  // by unit id; -1: cadres of no unit
  const int child_length = ChildLength(region_code);
  std::map<std::string, ProgressRollup> children;
  for (const store::Region& child : regions.Children(region_code)) {
    children[child.code] = ProgressRollup{child.code, child.name, 0, 0, {}};
  }
  // Each cadre is judged by the targets where they work (their township's, if it set its
  // own), whichever region's report lists them: the same verdict as on their own phone.
  const auto all_targets = progress.AllTargets();
  const auto expected_at = [&](const std::string& place) {
    if (place.empty()) {
      return report.expected;  // a cadre of unknown place: the report's own
    }
    for (std::string code = place; !code.empty(); code = core::ParentCode(code)) {
      if (const auto own = all_targets.find(code); own != all_targets.end()) {
        return core::ExpectedByNow(own->second.yearly, year, today);
      }
    }
    return core::ExpectedByNow(core::ProgressTargets{}.yearly, year, today);
  };
  // What a cadre's place decides (the child region they count under, the pace they are held
  // to) is worked out once per place: a province has hundreds of thousands of cadres in a
  // few thousand places.
  struct PlaceFacts {
    std::string child;
    core::ProgressCounts expected;
    ProgressRollup* rollup = nullptr;
  };
  std::unordered_map<std::string, PlaceFacts> places;
  std::string place_key;
  progress.ForEachCadre(region_code, year, scope, [&](const store::CadreProgressRow& cadre) {
    place_key.assign(cadre.place).push_back('|');
    place_key.append(cadre.paired_village);
    auto [facts, first] = places.try_emplace(place_key);
    if (first) {
      facts->second.child = ChildOf(region_code, child_length, cadre);
      facts->second.expected =
          expected_at(cadre.place.empty() ? cadre.paired_village : cadre.place);
      auto [place, new_place] = children.try_emplace(facts->second.child);
      if (new_place) {
        place->second.key = facts->second.child;
        place->second.name =
            facts->second.child.empty() ? region->name + "本级" : facts->second.child;
      }
      facts->second.rollup = &place->second;
    }
    const bool behind = core::BehindPace(cadre.counts, facts->second.expected);
    Add(report.all, cadre.counts, behind);
    auto [unit, created] = units.try_emplace(cadre.unit_id.value_or(-1));
    if (created) {
      unit->second.key = cadre.unit_id ? std::to_string(*cadre.unit_id) : "";
      unit->second.name = cadre.unit_id ? cadre.unit_name : "（无单位）";
    }
    Add(unit->second, cadre.counts, behind);
    Add(*facts->second.rollup, cadre.counts, behind);
    if (options.behind_only && !behind) {
      return;
    }
    const std::int64_t position = report.cadres_listed_total++;
    if (position >= options.offset &&
        (options.limit == 0 || position < options.offset + options.limit)) {
      report.cadres.push_back(CadreProgress{cadre, behind});
    }
  });
  std::vector<store::CadreProgressRow*> listed;
  for (CadreProgress& entry : report.cadres) {
    listed.push_back(&entry.cadre);
  }
  progress.NamesOf(listed);
  for (auto& [key, unit] : units) {
    report.by_unit.push_back(std::move(unit));
  }
  for (auto& [key, child] : children) {
    report.by_region.push_back(std::move(child));
  }
  return report;
}

}  // namespace shuanglian::fieldwork
