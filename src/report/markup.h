#pragma once

#include <string>
#include <string_view>

namespace shuanglian::report {

// Text made safe for HTML and XML, in element content and in quoted attributes alike.
// Control characters other than tab and line breaks are dropped: XML 1.0 forbids them, and a
// pasted spreadsheet cell can carry one.
std::string EscapeMarkup(std::string_view text);

}  // namespace shuanglian::report
