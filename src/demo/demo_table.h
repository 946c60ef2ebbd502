#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/reference_data.h"

namespace shuanglian::demo {

// A scenario file of data/demo/ as rows of header -> value (trimmed; blank lines skipped).
using DemoTable = std::vector<std::map<std::string, std::string>>;
DemoTable ReadDemoTable(const store::DataFiles& files, const std::string& name);

}  // namespace shuanglian::demo
