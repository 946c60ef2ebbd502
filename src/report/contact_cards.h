#pragma once

#include <string>
#include <vector>

#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::report {

struct CardOptions {
  std::string region_code;
  std::string base_url = "http://127.0.0.1:8080";  // the QR code opens <base>/households/<户编号>
  std::string today;                               // printed on each card
};

struct CardsSummary {
  std::int64_t cards = 0;
  std::int64_t households_without_helper = 0;
};

// The contact cards (连心卡) of a region: one card per household that has a helper, with the
// helper's name, unit and phone, the 双联办's 24-hour number and a QR code of the household's
// record; then the 24-hour contact list. HTML laid out for A4, eight cards to a page.
// Only households within `scope` are printed.
std::string ContactCardsHtml(store::Database& database, const CardOptions& options,
                             const store::DataScope& scope, CardsSummary* summary);

}  // namespace shuanglian::report
