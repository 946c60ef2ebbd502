#include "report/contact_cards.h"

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "report/markup.h"
#include "report/qr_svg.h"
#include "store/household_repository.h"
#include "store/pairing_repository.h"
#include "store/profile_repository.h"
#include "store/region_repository.h"

namespace shuanglian::report {

namespace {

std::string Escape(const std::string& text) {
  return EscapeMarkup(text);
}

constexpr std::string_view kStyle = R"CSS(
@page { size: A4; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; margin: 0; color: #111; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { border: 0.4mm solid #b22; border-radius: 2mm; padding: 3mm 4mm; height: 62mm; box-sizing: border-box;
        display: flex; gap: 3mm; break-inside: avoid; page-break-inside: avoid; }
.card .text { flex: 1; font-size: 9.5pt; line-height: 1.45; }
.card .title { color: #b22; font-weight: bold; font-size: 11pt; margin-bottom: 1mm; }
.card .hotline { margin-top: 1.5mm; font-weight: bold; }
.card .qr { display: flex; flex-direction: column; align-items: center; font-size: 7pt; color: #555; }
.card:nth-child(8n) { break-after: page; page-break-after: always; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 0.3mm solid #999; padding: 1mm 2mm; text-align: left; }
.list { break-before: page; page-break-before: always; }
)CSS";

}  // namespace

std::string ContactCardsHtml(store::Database& database, const CardOptions& options,
                             const store::DataScope& scope, CardsSummary* summary) {
  store::RegionRepository regions(database);
  const auto region = regions.Get(options.region_code);
  const std::string region_name = region ? region->name : options.region_code;
  store::PairingRepository pairings(database);
  store::PairingFilter filter;
  filter.region = options.region_code;
  // Every active pairing that covers a household, grouped by household.
  std::map<std::int64_t, std::vector<store::StoredPairing>> by_household;
  for (store::StoredPairing& pairing : pairings.Pairings(filter, scope)) {
    if (pairing.household_id) {
      by_household[*pairing.household_id].push_back(std::move(pairing));
    }
  }
  // The households with a helper, in 户编号 order. What their cards need is gathered while
  // the households stream in; the hotlines are looked up once the stream has ended: the
  // visitor of ForEach may not use the database (Database::ForEachRow).
  struct CardHousehold {
    std::int64_t id = 0;
    std::string household_no;
    std::string head_name;
    std::string village_code;
    std::string village_name;
    std::string group_name;
  };
  std::vector<CardHousehold> paired_households;
  CardsSummary counts;
  store::HouseholdRepository households(database);
  store::HouseholdFilter household_filter;
  household_filter.region = options.region_code;
  households.ForEach(household_filter, scope, [&](const store::StoredHousehold& stored) {
    if (by_household.count(stored.id) == 0) {
      ++counts.households_without_helper;
      return;
    }
    paired_households.push_back(
        CardHousehold{stored.id, stored.household.household_no, stored.household.head_name,
                      stored.household.village_code, stored.village_name, stored.group_name});
  });

  // The 24-hour number of the household's township (or of the nearest region above that has one).
  std::map<std::string, std::string> hotlines;
  store::ProfileRepository profiles(database);
  const auto hotline_of = [&](const std::string& village) {
    const std::string township = village.substr(0, 9);
    auto found = hotlines.find(township);
    if (found == hotlines.end()) {
      std::string number;
      for (std::string code = township; !code.empty() && number.empty();
           code = core::ParentCode(code)) {
        number = profiles.Get(code).hotline;
      }
      found = hotlines.emplace(township, number).first;
    }
    return found->second;
  };

  std::string cards;
  std::string rows;
  for (const CardHousehold& household : paired_households) {
    ++counts.cards;
    std::string helper_lines;
    for (const store::StoredPairing& pairing : by_household.at(household.id)) {
      if (!pairing.helper_id) {
        continue;
      }
      const std::string& unit = pairing.helper_unit_name;
      helper_lines +=
          fmt::format("帮扶人：{}{}<br>电话：{}<br>", Escape(pairing.helper_name),
                      unit.empty() ? "" : "（" + Escape(unit) + "）", Escape(pairing.helper_phone));
      rows +=
          fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                      Escape(household.household_no), Escape(household.head_name),
                      Escape(household.village_name), Escape(pairing.helper_name), Escape(unit),
                      Escape(pairing.helper_phone));
    }
    const std::string hotline = hotline_of(household.village_code);
    const std::string url = options.base_url + "/households/" + household.household_no;
    cards += fmt::format(
        "<div class=\"card\"><div class=\"text\"><div class=\"title\">联村联户 为民富民 · "
        "连心卡</div>"
        "户主：{}（户编号 {}）<br>{}{}<br>{}<div class=\"hotline\">双联办24小时电话：{}</div>"
        "<div>发卡日期：{}</div></div><div "
        "class=\"qr\">{}<span>扫码查看本户档案</span></div></div>\n",
        Escape(household.head_name), Escape(household.household_no), Escape(household.village_name),
        household.group_name.empty() ? "" : " " + Escape(household.group_name), helper_lines,
        hotline.empty() ? "（未登记）" : Escape(hotline), Escape(options.today), QrSvg(url, 24));
  }
  if (summary != nullptr) {
    *summary = counts;
  }
  return fmt::format(
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{0} "
      "连心卡</title><style>{1}</style>"
      "</head><body><h1>{0} 连心卡（{2} 张）</h1><div class=\"cards\">\n{3}</div>"
      "<div class=\"list\"><h1>{0} "
      "24小时联系名单</h1><table><thead><tr><th>户编号</th><th>户主</th><th>村</th>"
      "<th>帮扶人</th><th>单位</th><th>电话</th></tr></thead><tbody>{4}</tbody></table></div></"
      "body></html>\n",
      Escape(region_name), kStyle, counts.cards, cards, rows);
}

}  // namespace shuanglian::report
