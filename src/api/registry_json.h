#pragma once

#include <boost/json/value.hpp>

#include "core/access.h"
#include "core/dictionary.h"
#include "store/household_repository.h"
#include "store/region_repository.h"
#include "store/user_repository.h"

namespace shuanglian::api {

// The JSON of records as the API answers them. Personal data (ID numbers, phones, bank
// accounts) is masked unless `unmasked`: the callers decide from the user's role, and
// audit the unmasked reads.
boost::json::object HouseholdSummaryJson(const store::StoredHousehold& stored,
                                         const core::DictionarySet& dictionaries, bool unmasked);
boost::json::object HouseholdJson(const store::StoredHousehold& stored,
                                  const std::vector<store::StoredPerson>& members,
                                  const core::DictionarySet& dictionaries, bool unmasked,
                                  const core::Date& today);
boost::json::object PersonJson(const store::StoredPerson& stored,
                               const core::DictionarySet& dictionaries, bool unmasked,
                               const core::Date& today);
boost::json::object RegionJson(const store::Region& region, bool has_children);

}  // namespace shuanglian::api
