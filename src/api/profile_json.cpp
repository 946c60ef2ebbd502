#include "api/profile_json.h"

#include <boost/json.hpp>

#include "core/figure.h"

namespace shuanglian::api {

namespace {

boost::json::value FigureNumber(const core::DictionaryItem& figure, std::int64_t value) {
  if (core::FigureScale(figure) == 0) {
    return value;
  }
  return std::stod(core::FormatFigureValue(figure, value));
}

}  // namespace

boost::json::value ProfileToJson(const store::RegionProfile& profile,
                                 const stats::RegionStats& stats,
                                 const core::DictionarySet& dictionaries) {
  boost::json::array figures;
  for (const core::DictionaryItem& figure : dictionaries.Get(core::dict::kFigure).items()) {
    const auto declared = profile.declared.find(figure.code);
    const auto computed = stats::ComputedFigure(stats, figure.code);
    const auto source = profile.declared_sources.find(figure.code);
    boost::json::object entry{
        {"figure", figure.code},
        {"label", figure.label},
        {"unit", figure.Attribute("unit")},
        {"declared", declared == profile.declared.end() ? boost::json::value(nullptr)
                                                        : FigureNumber(figure, declared->second)},
        {"computed", computed ? FigureNumber(figure, *computed) : boost::json::value(nullptr)},
        {"source", source == profile.declared_sources.end() ? "" : source->second}};
    entry["disagrees"] =
        declared != profile.declared.end() && computed &&
        stats::FigureDisagrees(declared->second, *computed, core::FigureScale(figure));
    figures.push_back(std::move(entry));
  }
  boost::json::array difficulties;
  for (const core::DictionaryItem& difficulty : dictionaries.Get(core::dict::kDifficulty).items()) {
    const auto state = profile.difficulties.find(difficulty.code);
    difficulties.push_back(boost::json::object{
        {"code", difficulty.code},
        {"label", difficulty.label},
        {"present", state != profile.difficulties.end() && state->second.present},
        {"note", state == profile.difficulties.end() ? "" : state->second.note}});
  }
  return boost::json::object{
      {"region", boost::json::object{{"code", stats.region.code}, {"name", stats.region.name}}},
      {"location", profile.location},
      {"neighbour_east", profile.neighbour_east},
      {"neighbour_south", profile.neighbour_south},
      {"neighbour_west", profile.neighbour_west},
      {"neighbour_north", profile.neighbour_north},
      {"climate", profile.climate},
      {"main_industries", profile.main_industries},
      {"notes", profile.notes},
      {"hotline", profile.hotline},
      {"figures", figures},
      {"difficulties", difficulties}};
}

}  // namespace shuanglian::api
