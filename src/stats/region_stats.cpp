#include "stats/region_stats.h"

#include <cstdlib>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "core/region_code.h"
#include "store/stats_repository.h"

namespace shuanglian::stats {

namespace {

// Sums of the records below one region, by figure code.
struct Totals {
  std::int64_t villages = 0;
  std::int64_t groups = 0;
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::int64_t labour = 0;
  std::int64_t poor_households = 0;
  std::int64_t poor_persons = 0;
  std::int64_t arable_land = 0;
  std::int64_t income_weighted = 0;
  std::int64_t income_persons = 0;

  std::optional<std::int64_t> Figure(const std::string& code) const {
    if (code == "villages")
      return villages;
    if (code == "groups")
      return groups;
    if (code == "households")
      return households;
    if (code == "persons")
      return persons;
    if (code == "labour")
      return labour;
    if (code == "poor_households")
      return poor_households;
    if (code == "poor_persons")
      return poor_persons;
    if (code == "arable_land")
      return arable_land;
    if (code == "per_capita_income" && income_persons > 0) {
      return (income_weighted + income_persons / 2) / income_persons;
    }
    return std::nullopt;
  }
};

// The codes of a village's ancestors (and itself) down from `root`.
std::vector<std::string> AncestorsWithin(const std::string& code, const std::string& root) {
  std::vector<std::string> codes;
  for (const int length : {2, 4, 6, 9, 12, 15}) {
    if (static_cast<std::size_t>(length) > code.size()) {
      break;
    }
    if (static_cast<std::size_t>(length) >= root.size()) {
      codes.push_back(code.substr(0, static_cast<std::size_t>(length)));
    }
  }
  return codes;
}

}  // namespace

RegionStats ComputeRegionStats(store::Database& database, const std::string& region_code,
                               const core::DictionarySet& dictionaries) {
  store::RegionRepository regions(database);
  auto region = regions.Get(region_code);
  if (!region) {
    throw std::invalid_argument("区划代码 " + region_code + " 不存在");
  }
  RegionStats stats;
  stats.region = *region;
  stats.townships = regions.CountBelow(region_code, core::RegionLevel::kTownship);
  stats.villages = regions.CountBelow(region_code, core::RegionLevel::kVillage);
  stats.groups = regions.CountBelow(region_code, core::RegionLevel::kGroup);

  const core::Dictionary& categories = dictionaries.Get(core::dict::kHouseholdCategory);
  std::map<std::string, CategoryFigures> by_category;
  for (const core::DictionaryItem& item : categories.items()) {
    by_category[item.code] = CategoryFigures{item.code, item.label, item.HasFlag("poor"), 0, 0};
  }

  store::StatsRepository repository(database);
  const auto declared = repository.DeclaredFigures(region_code);
  // Only the regions that declared something need their own totals.
  std::unordered_map<std::string, Totals> totals;
  for (const store::DeclaredFigure& figure : declared) {
    totals[figure.region_code];
  }
  const auto add_to_ancestors = [&](const std::string& code, const auto& apply) {
    for (const std::string& ancestor : AncestorsWithin(code, region_code)) {
      const auto found = totals.find(ancestor);
      if (found != totals.end()) {
        apply(found->second);
      }
    }
  };

  std::int64_t income_weighted = 0;
  std::int64_t income_persons = 0;
  for (const store::VillageCategoryTotals& row : repository.VillageTotals(region_code)) {
    auto& category = by_category[row.category];
    if (category.code.empty()) {
      category = CategoryFigures{row.category, categories.Label(row.category), false, 0, 0};
    }
    category.households += row.households;
    category.persons += row.persons;
    stats.households += row.households;
    stats.persons += row.persons;
    stats.labour += row.labour;
    stats.arable_land_centimu += row.arable_land_centimu;
    stats.households_with_member_mismatch += row.member_mismatches;
    income_weighted += row.income_fen_times_persons;
    income_persons += row.income_persons;
    if (category.poor) {
      stats.poor_households += row.households;
      stats.poor_persons += row.persons;
    }
    add_to_ancestors(row.village_code, [&](Totals& sums) {
      sums.households += row.households;
      sums.persons += row.persons;
      sums.labour += row.labour;
      sums.arable_land += row.arable_land_centimu;
      sums.income_weighted += row.income_fen_times_persons;
      sums.income_persons += row.income_persons;
      if (category.poor) {
        sums.poor_households += row.households;
        sums.poor_persons += row.persons;
      }
    });
  }
  if (income_persons > 0) {
    stats.per_capita_income_fen = (income_weighted + income_persons / 2) / income_persons;
  }
  for (const auto& [village, groups] : repository.GroupCounts(region_code)) {
    add_to_ancestors(village, [&](Totals& sums) {
      sums.groups += groups;
      sums.villages += 1;
    });
  }
  for (auto& [code, figures] : by_category) {
    stats.by_category.push_back(figures);
  }
  std::stable_sort(stats.by_category.begin(), stats.by_category.end(),
                   [&](const CategoryFigures& a, const CategoryFigures& b) {
                     const auto* first = categories.FindCode(a.code);
                     const auto* second = categories.FindCode(b.code);
                     return (first ? first->sort_order : 1000) <
                            (second ? second->sort_order : 1000);
                   });

  const core::Dictionary& figure_dictionary = dictionaries.Get(core::dict::kFigure);
  std::unordered_map<std::string, std::string> names;
  for (const store::DeclaredFigure& figure : declared) {
    const core::DictionaryItem* item = figure_dictionary.FindCode(figure.figure);
    if (item == nullptr || !item->HasFlag("computed")) {
      continue;
    }
    const Totals& sums = totals[figure.region_code];
    std::optional<std::int64_t> computed = sums.Figure(figure.figure);
    if (figure.figure == "villages") {
      computed = regions.CountBelow(figure.region_code, core::RegionLevel::kVillage);
    } else if (figure.figure == "groups") {
      computed = regions.CountBelow(figure.region_code, core::RegionLevel::kGroup);
    }
    const std::string scale_text = item->Attribute("scale");
    const int scale = scale_text.empty() ? 0 : std::stoi(scale_text);
    if (!computed || !FigureDisagrees(figure.value, *computed, scale)) {
      continue;
    }
    auto name = names.find(figure.region_code);
    if (name == names.end()) {
      const auto found = regions.Get(figure.region_code);
      name = names.emplace(figure.region_code, found ? found->name : figure.region_code).first;
    }
    stats.mismatches.push_back(Mismatch{figure.region_code, name->second, figure.figure,
                                        item->label, item->Attribute("unit"), scale, figure.value,
                                        *computed, figure.source});
  }
  return stats;
}

}  // namespace shuanglian::stats

namespace shuanglian::stats {

bool FigureDisagrees(std::int64_t declared, std::int64_t computed, int scale) {
  if (scale == 0) {
    return declared != computed;
  }
  return std::llabs(declared - computed) * 100 > std::llabs(declared);
}

std::optional<std::int64_t> ComputedFigure(const RegionStats& stats, const std::string& figure) {
  if (figure == "villages")
    return stats.villages;
  if (figure == "groups")
    return stats.groups;
  if (figure == "households")
    return stats.households;
  if (figure == "persons")
    return stats.persons;
  if (figure == "labour")
    return stats.labour;
  if (figure == "poor_households")
    return stats.poor_households;
  if (figure == "poor_persons")
    return stats.poor_persons;
  if (figure == "arable_land")
    return stats.arable_land_centimu;
  return std::nullopt;
}

}  // namespace shuanglian::stats

namespace shuanglian::stats {

std::vector<ChildTotals> ComputeChildTotals(store::Database& database,
                                            const std::string& region_code,
                                            const core::DictionarySet& dictionaries) {
  store::RegionRepository regions(database);
  std::vector<ChildTotals> children;
  std::unordered_map<std::string, std::size_t> index;
  for (store::Region& child : regions.Children(region_code)) {
    index.emplace(child.code, children.size());
    ChildTotals totals;
    totals.villages = regions.CountBelow(child.code, core::RegionLevel::kVillage);
    totals.region = std::move(child);
    children.push_back(std::move(totals));
  }
  if (children.empty()) {
    return children;
  }
  if (children.front().region.level == core::RegionLevel::kGroup) {
    // A village's children are its groups, which households name themselves: a few groups,
    // each counted like any region.
    for (ChildTotals& totals : children) {
      const RegionStats group = ComputeRegionStats(database, totals.region.code, dictionaries);
      totals.households = group.households;
      totals.persons = group.persons;
      totals.poor_households = group.poor_households;
      totals.poor_persons = group.poor_persons;
    }
    return children;
  }
  const std::size_t child_length = children.front().region.code.size();
  const core::Dictionary& categories = dictionaries.Get(core::dict::kHouseholdCategory);
  for (const store::VillageCategoryTotals& row :
       store::StatsRepository(database).VillageTotals(region_code)) {
    if (row.village_code.size() < child_length) {
      continue;
    }
    const auto found = index.find(row.village_code.substr(0, child_length));
    if (found == index.end()) {
      continue;
    }
    ChildTotals& totals = children[found->second];
    totals.households += row.households;
    totals.persons += row.persons;
    const core::DictionaryItem* category = categories.FindCode(row.category);
    if (category != nullptr && category->HasFlag("poor")) {
      totals.poor_households += row.households;
      totals.poor_persons += row.persons;
    }
  }
  return children;
}

}  // namespace shuanglian::stats
