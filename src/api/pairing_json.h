#pragma once

#include <boost/json/object.hpp>

#include "core/dictionary.h"
#include "store/pairing_repository.h"

namespace shuanglian::api {

// Units, helpers and pairings as the API answers them: codes with their labels. A helper's
// phone is not masked: it is printed on the contact cards for the villagers to call.
boost::json::object UnitJson(const store::StoredUnit& unit,
                             const core::DictionarySet& dictionaries);
boost::json::object HelperJson(const store::StoredHelper& helper,
                               const core::DictionarySet& dictionaries);
boost::json::object PairingJson(const store::StoredPairing& pairing,
                                const core::DictionarySet& dictionaries);
boost::json::object MemberJson(const store::OrganisationMember& member,
                               const core::DictionarySet& dictionaries);

}  // namespace shuanglian::api
