#pragma once

#include <boost/json/value.hpp>

#include "core/dictionary.h"
#include "pairing/coverage.h"
#include "pairing/region_assignment.h"

namespace shuanglian::api {

// The JSON of `shuanglian check coverage --json` and of GET /api/v1/coverage.
boost::json::value CoverageToJson(const pairing::CoverageReport& report,
                                  const core::DictionarySet& dictionaries);

// The JSON of `shuanglian assign --json` and of the API's proposal.
boost::json::value AssignmentToJson(const pairing::AssignmentPlan& plan,
                                    const core::DictionarySet& dictionaries, bool applied);

// A coverage rule as JSON, and back (400 naming the field when it is wrong).
boost::json::value RuleToJson(const core::CoverageRule& rule, const std::string& from_region);

}  // namespace shuanglian::api
