#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace shuanglian::store {

struct DifficultyState {
  bool present = false;
  std::string note;
};

// A region's profile (村情/乡情): the text of a report's opening paragraph, the figures a
// person declared, and the five difficulties (五难). Computed figures live elsewhere.
struct RegionProfile {
  std::string region_code;
  std::string location;
  std::string neighbour_east;
  std::string neighbour_south;
  std::string neighbour_west;
  std::string neighbour_north;
  std::string climate;
  std::string main_industries;
  std::string notes;
  std::string hotline;  // the 双联办's 24-hour number, on every contact card
  std::map<std::string, std::int64_t> declared;  // figure code -> scaled value
  std::map<std::string, std::string> declared_sources;
  std::map<std::string, DifficultyState> difficulties;  // difficulty code -> state
};

// The text fields of a profile by name (location, neighbour_east, climate ...), for commands
// and forms. Returns false for an unknown name.
bool SetProfileText(RegionProfile& profile, const std::string& name, std::string value);
std::vector<std::string> ProfileTextFields();

class ProfileRepository {
 public:
  explicit ProfileRepository(Database& database) : database_(database) {}

  // The stored profile, or an empty one for the region when none was saved yet.
  RegionProfile Get(const std::string& region_code);
  // Replaces the profile, its figures and difficulties; inside the caller's transaction.
  void Save(const RegionProfile& profile, const std::string& now);

 private:
  Database& database_;
};

}  // namespace shuanglian::store
