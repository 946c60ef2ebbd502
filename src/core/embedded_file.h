#pragma once

#include <span>
#include <string_view>

namespace shuanglian {

// A text file compiled into the binary (migrations, the default data/).
struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
};

}  // namespace shuanglian
