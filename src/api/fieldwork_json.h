#pragma once

#include <boost/json/object.hpp>

#include "core/dictionary.h"
#include "store/fieldwork_records.h"
#include "store/fieldwork_repository.h"

namespace shuanglian::api {

// Field records as the API answers them: the record's own keys (the same as a form sends),
// labels of its codes, and `meta` (id, client_uuid, version, helper, who and when).
boost::json::object StationedDayJson(const store::StoredStationedDay& stored,
                                     const core::DictionarySet& dictionaries);
boost::json::object VisitJson(const store::StoredVisit& stored,
                              const core::DictionarySet& dictionaries);
boost::json::object DiaryJson(const store::StoredDiaryEntry& stored,
                              const core::DictionarySet& dictionaries);
boost::json::object ProblemJson(const store::StoredProblem& stored,
                                const core::DictionarySet& dictionaries);
boost::json::object SuggestionJson(const store::StoredSuggestion& stored,
                                   const core::DictionarySet& dictionaries);
boost::json::object AidJson(const store::StoredAid& stored,
                            const core::DictionarySet& dictionaries);
boost::json::object DriveJson(const store::DriveTotal& drive,
                              const core::DictionarySet& dictionaries);

}  // namespace shuanglian::api
