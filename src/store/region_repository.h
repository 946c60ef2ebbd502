#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/region_code.h"
#include "core/region_index.h"
#include "store/database.h"

namespace shuanglian::store {

struct Region {
  std::string code;
  core::RegionLevel level = core::RegionLevel::kProvince;
  std::string parent_code;
  std::string name;
};

struct RegionUpsertCounts {
  std::int64_t inserted = 0;
  std::int64_t renamed = 0;
  std::int64_t unchanged = 0;
  std::vector<std::string> orphans;  // codes refused because their parent does not exist
};

class RegionRepository {
 public:
  explicit RegionRepository(Database& database) : database_(database) {}

  // Inserts new regions and renames changed ones; a code is never duplicated, and a region
  // whose parent exists neither in the database nor earlier in `regions` is refused. Runs
  // inside the caller's transaction.
  RegionUpsertCounts Upsert(std::span<const Region> regions, const std::string& now);

  std::optional<Region> Get(const std::string& code);
  std::vector<Region> Children(const std::string& code);  // "" gives the provinces
  std::vector<Region> PathToRoot(const std::string& code);
  std::vector<Region> SearchByName(const std::string& text, const std::string& within,
                                   std::size_t limit);
  std::int64_t CountBelow(const std::string& code, core::RegionLevel level);

  core::RegionIndex LoadIndex();

  // The group of a village with this name, created with the next free code when missing.
  // Returns the code and whether it was created.
  std::pair<std::string, bool> EnsureGroup(const std::string& village_code, const std::string& name,
                                           const std::string& now);

  // The same for many (village, name) pairs at once, in a few statements however many
  // there are: an import names thousands of groups per batch.
  struct GroupName {
    std::string village_code;
    std::string name;
  };
  struct GroupCode {
    std::string code;
    bool created = false;
  };
  std::vector<GroupCode> EnsureGroups(const std::vector<GroupName>& groups, const std::string& now);

  // Groups already stored, by village|name, and each village's last sequence number.
  struct KnownGroups {
    std::unordered_map<std::string, std::string> codes;  // village|name -> code
    std::unordered_map<std::string, int> last;           // village -> last sequence
  };
  // Every village's groups, read once: a first load of households then names its groups
  // without asking the database batch by batch. Inside the caller's transaction, which on
  // PostgreSQL holds regions locked against other writers until it ends.
  KnownGroups AllGroups();
  // EnsureGroups against groups known already (every group of the villages named must be
  // in `known`); the groups it creates are added to `known`. A group named twice is created
  // once: `created` is true only where it was.
  std::vector<GroupCode> EnsureGroups(const std::vector<GroupName>& groups, const std::string& now,
                                      KnownGroups& known);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
