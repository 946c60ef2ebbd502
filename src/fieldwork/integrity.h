#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::fieldwork {

// The checks against formalism (不走过场), as a report that asks questions and blocks
// nothing: the records stay as they are.
//   diary_copied                diary texts copied or nearly copied (one cadre's or two)
//   too_many_visits             more households visited in a day than is plausible
//   visit_without_stationed_day a visit on a day the cadre was not stationed in the village
//                               (village officials, who live there, are not asked)
//   problem_closed_quickly      solved within minutes of being registered
//   problem_without_result      solved with no result worth the name ("已解决")
//   photo_reused                one photo attached to more than one visit
struct IntegrityOptions {
  int year = 0;
  std::int64_t max_visits_per_day = 8;  // households a cadre can really see in a day
  std::int64_t quick_close_minutes = 30;
  double diary_similarity = 0.85;        // Jaccard similarity of character trigrams
  std::size_t diary_min_length = 10;     // shorter texts are not compared
  std::size_t findings_per_check = 500;  // listed; all are counted
};

struct Finding {
  std::string check;
  std::string message;
  std::optional<std::int64_t> helper_id;
  std::string helper_name;
  std::string day;
  std::vector<std::string> records;  // the client UUIDs (diary, visits) or ids (problems)
  double score = 0;                  // the similarity of two diary texts
};

struct IntegrityReport {
  std::string region_code;
  int year = 0;
  std::map<std::string, std::int64_t> counts;  // per check, all findings
  std::vector<Finding> findings;               // at most findings_per_check per check
};

IntegrityReport CheckIntegrity(store::Database& database, const std::string& region_code,
                               const store::DataScope& scope, const IntegrityOptions& options);

// The similarity of two texts as the diary check sees them: Jaccard of their character
// trigrams, after dropping spaces and punctuation. Exposed for tests.
double TextSimilarity(const std::string& a, const std::string& b);

}  // namespace shuanglian::fieldwork
