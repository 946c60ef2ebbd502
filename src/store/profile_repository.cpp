#include "store/profile_repository.h"

namespace shuanglian::store {

namespace {

struct TextField {
  const char* name;
  std::string RegionProfile::*member;
};

constexpr TextField kTextFields[] = {
    {"location", &RegionProfile::location},
    {"neighbour_east", &RegionProfile::neighbour_east},
    {"neighbour_south", &RegionProfile::neighbour_south},
    {"neighbour_west", &RegionProfile::neighbour_west},
    {"neighbour_north", &RegionProfile::neighbour_north},
    {"climate", &RegionProfile::climate},
    {"main_industries", &RegionProfile::main_industries},
    {"notes", &RegionProfile::notes},
    {"hotline", &RegionProfile::hotline},
};

}  // namespace

bool SetProfileText(RegionProfile& profile, const std::string& name, std::string value) {
  for (const TextField& field : kTextFields) {
    if (name == field.name) {
      profile.*field.member = std::move(value);
      return true;
    }
  }
  return false;
}

std::vector<std::string> ProfileTextFields() {
  std::vector<std::string> names;
  for (const TextField& field : kTextFields) {
    names.emplace_back(field.name);
  }
  return names;
}

RegionProfile ProfileRepository::Get(const std::string& region_code) {
  RegionProfile profile;
  profile.region_code = region_code;
  const auto rows = database_.Query(
      "SELECT location, neighbour_east, neighbour_south, neighbour_west, neighbour_north, "
      "climate, main_industries, notes, hotline FROM region_profiles WHERE region_code = $1",
      {region_code});
  if (!rows.empty()) {
    const RowView row = rows[0];
    profile.location = row.Text(0);
    profile.neighbour_east = row.Text(1);
    profile.neighbour_south = row.Text(2);
    profile.neighbour_west = row.Text(3);
    profile.neighbour_north = row.Text(4);
    profile.climate = row.Text(5);
    profile.main_industries = row.Text(6);
    profile.notes = row.Text(7);
    profile.hotline = row.Text(8);
  }
  for (const RowView row :
       database_.Query("SELECT figure, value, source FROM declared_figures WHERE region_code = $1",
                       {region_code})) {
    profile.declared[row.Text(0)] = row.Int(1);
    profile.declared_sources[row.Text(0)] = row.Text(2);
  }
  for (const RowView row : database_.Query(
           "SELECT difficulty, present, note FROM region_difficulties WHERE region_code = $1",
           {region_code})) {
    profile.difficulties[row.Text(0)] = DifficultyState{row.Int(1) != 0, row.Text(2)};
  }
  return profile;
}

void ProfileRepository::Save(const RegionProfile& profile, const std::string& now) {
  database_.Execute(
      "INSERT INTO region_profiles (region_code, location, neighbour_east, neighbour_south, "
      "neighbour_west, neighbour_north, climate, main_industries, notes, hotline, updated_at) "
      "VALUES ($1, "
      "$2, $3, $4, $5, $6, $7, $8, $9, $11, $10) ON CONFLICT (region_code) DO UPDATE SET hotline = "
      "excluded.hotline, location = "
      "excluded.location, neighbour_east = excluded.neighbour_east, neighbour_south = "
      "excluded.neighbour_south, neighbour_west = excluded.neighbour_west, neighbour_north = "
      "excluded.neighbour_north, climate = excluded.climate, main_industries = "
      "excluded.main_industries, notes = excluded.notes, updated_at = excluded.updated_at",
      {profile.region_code, profile.location, profile.neighbour_east, profile.neighbour_south,
       profile.neighbour_west, profile.neighbour_north, profile.climate, profile.main_industries,
       profile.notes, now, profile.hotline});
  database_.Execute("DELETE FROM declared_figures WHERE region_code = $1", {profile.region_code});
  for (const auto& [figure, value] : profile.declared) {
    const auto source = profile.declared_sources.find(figure);
    database_.Execute(
        "INSERT INTO declared_figures (region_code, figure, value, source, updated_at) VALUES "
        "($1, $2, $3, $4, $5)",
        {profile.region_code, figure, value,
         source == profile.declared_sources.end() ? std::string() : source->second, now});
  }
  database_.Execute("DELETE FROM region_difficulties WHERE region_code = $1",
                    {profile.region_code});
  for (const auto& [difficulty, state] : profile.difficulties) {
    database_.Execute(
        "INSERT INTO region_difficulties (region_code, difficulty, present, note, updated_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        {profile.region_code, difficulty, state.present ? 1 : 0, state.note, now});
  }
}

}  // namespace shuanglian::store
