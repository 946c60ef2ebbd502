#include "demo/demo_table.h"

#include <stdexcept>

#include "core/csv.h"
#include "core/text.h"

namespace shuanglian::demo {

DemoTable ReadDemoTable(const store::DataFiles& files, const std::string& name) {
  const auto text = files.Read("demo/" + name);
  if (!text) {
    throw std::runtime_error("演示数据缺少 data/demo/" + name + "（" + files.Describe() + "）");
  }
  const auto records = core::ParseCsv(*text);
  DemoTable table;
  for (std::size_t row = 1; row < records.size(); ++row) {
    if (records[row].size() == 1 && core::Trim(records[row][0]).empty()) {
      continue;
    }
    std::map<std::string, std::string> values;
    for (std::size_t column = 0; column < records[0].size() && column < records[row].size();
         ++column) {
      values[records[0][column]] = std::string(core::Trim(records[row][column]));
    }
    table.push_back(std::move(values));
  }
  return table;
}

}  // namespace shuanglian::demo
