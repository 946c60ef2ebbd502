#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/household.h"
#include "core/person.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::store {

// A household as stored: the record, its names and what the records derive.
struct StoredHousehold {
  std::int64_t id = 0;
  core::Household household;  // `group` holds the 15-digit group code
  std::string village_name;
  std::string group_name;
  std::int64_t member_count = 0;
  std::int64_t labour_count = 0;
  std::string created_at;
  std::string updated_at;
};

struct StoredPerson {
  std::int64_t id = 0;
  core::Person person;
  std::string village_code;
  std::string created_at;
  std::string updated_at;
};

struct HouseholdFilter {
  std::string region;    // any level; empty: the whole scope
  std::string category;  // dictionary codes
  std::string cause;     // main cause
  std::string exit_status;
  std::string query;                  // head's name, 户编号, or an ID number of any member
  std::string sort = "household_no";  // household_no, head_name, member_count, per_capita_income;
                                      // "-" first: descending
  std::int64_t offset = 0;
  std::int64_t limit = 20;
};

struct PersonFilter {
  std::string region;
  std::string query;  // name or ID number
  std::int64_t offset = 0;
  std::int64_t limit = 20;
};

// Reads of the registry for the API, always within a data scope: what lies outside it is
// neither listed, counted nor found.
class HouseholdRepository {
 public:
  explicit HouseholdRepository(Database& database) : database_(database) {}

  std::vector<StoredHousehold> List(const HouseholdFilter& filter, const DataScope& scope,
                                    std::int64_t* total);
  // How many households match (what List puts in `total`; paging ignored).
  std::int64_t Count(const HouseholdFilter& filter, const DataScope& scope);
  // Every match, streamed (exports of a whole county).
  void ForEach(const HouseholdFilter& filter, const DataScope& scope,
               const std::function<void(const StoredHousehold&)>& visit);
  std::optional<StoredHousehold> Get(const std::string& household_no, const DataScope& scope);
  std::vector<StoredPerson> Members(std::int64_t household_id);

  std::vector<StoredPerson> ListPersons(const PersonFilter& filter, const DataScope& scope,
                                        std::int64_t* total);
  void ForEachPerson(const PersonFilter& filter, const DataScope& scope,
                     const std::function<void(const StoredPerson&)>& visit);
  std::optional<StoredPerson> GetPerson(std::int64_t id, const DataScope& scope);

  // Moves a household and its members to the archive as JSON snapshots, in the caller's
  // transaction, and keeps the counts of nobody else's.
  void Delete(const StoredHousehold& household, const std::string& snapshot_json,
              const std::string& now, const std::string& by);
  void DeletePerson(const StoredPerson& person, const std::string& snapshot_json,
                    const std::vector<std::string>& labour_codes, const std::string& now,
                    const std::string& by);

 private:
  std::string Where(const HouseholdFilter& filter, const DataScope& scope,
                    std::vector<Param>& params, std::deque<std::string>& storage);
  std::string PersonWhere(const PersonFilter& filter, const DataScope& scope,
                          std::vector<Param>& params, std::deque<std::string>& storage);

  Database& database_;
};

}  // namespace shuanglian::store
