#include "api/period_params.h"

#include <boost/json.hpp>

namespace shuanglian::api {

core::Date AsOf(Context& context) {
  const std::string text = context.request().QueryValue("as_of");
  if (text.empty()) {
    return context.state().today();
  }
  const auto date = core::ParseDate(text);
  if (!date) {
    throw ApiError(
        400, "bad_parameter", "as_of 应为日期，如 2012-05-31",
        boost::json::array{boost::json::object{{"field", "as_of"}, {"code", "bad_parameter"}}});
  }
  return *date;
}

int YearOf(Context& context) {
  const std::string text = context.request().QueryValue("year");
  if (text.empty()) {
    return AsOf(context).year;
  }
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos ||
      text < "2000" || text > "2100") {
    throw ApiError(
        400, "bad_parameter", "year 应为 2000 到 2100 之间的四位年份",
        boost::json::array{boost::json::object{{"field", "year"}, {"code", "bad_parameter"}}});
  }
  return std::stoi(text);
}

}  // namespace shuanglian::api
