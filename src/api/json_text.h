#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace shuanglian::api {

// JSON text for people and programs alike: numbers in their shortest plain form (7408,
// 99.31 — Boost 1.81 would write 7.408E3), text as UTF-8.
std::string ToJsonText(const boost::json::value& value);

}  // namespace shuanglian::api
