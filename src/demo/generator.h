#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/dictionary.h"

namespace shuanglian::demo {

struct GenerateOptions {
  std::int64_t households = 1000;
  std::uint64_t seed = 1;
  std::string output_dir;
  std::vector<std::string> village_codes;  // households are spread over these, at random
};

struct GenerateResult {
  std::int64_t households = 0;
  std::int64_t persons = 0;
  std::string households_path;
  std::string persons_path;
};

// Writes households.csv and persons.csv in the import format: the same seed gives the same
// bytes. Categories, sizes and people follow the demo's generator; every row is valid.
// Streams: memory does not grow with the number of households.
GenerateResult GenerateFiles(const GenerateOptions& options,
                             const core::DictionarySet& dictionaries);

}  // namespace shuanglian::demo
