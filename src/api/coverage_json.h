#pragma once

#include <boost/json/value.hpp>
#include <cstdint>

#include "core/dictionary.h"
#include "pairing/coverage.h"
#include "pairing/region_assignment.h"

namespace shuanglian::api {

// The JSON of `shuanglian check coverage --json` and of GET /api/v1/coverage.
boost::json::value CoverageToJson(const pairing::CoverageReport& report,
                                  const core::DictionarySet& dictionaries);

// The JSON of `shuanglian assign --json` and of the API's proposal: the first
// `proposal_limit` proposals (a province's plan has a million), the counts of all, and the
// plan's fingerprint to apply it by.
boost::json::value AssignmentToJson(const pairing::AssignmentPlan& plan,
                                    const core::DictionarySet& dictionaries, bool applied,
                                    std::size_t proposal_limit = SIZE_MAX);

// A coverage rule as JSON.
boost::json::value RuleToJson(const core::CoverageRule& rule, const std::string& from_region);

}  // namespace shuanglian::api
