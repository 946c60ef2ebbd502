#pragma once

#include <string>

namespace shuanglian::report {

// Prints an HTML file to PDF with Debian's Chromium (headless), the CJK fonts the system
// has, A4 as the page's CSS says. The paths go to Chromium as arguments, never through a
// shell, so any file name is safe. False when Chromium is missing or fails.
bool PrintHtmlToPdf(const std::string& html_path, const std::string& pdf_path);

}  // namespace shuanglian::report
