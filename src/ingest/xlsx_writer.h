#pragma once

#include <memory>
#include <string>
#include <vector>

namespace shuanglian::ingest {

// Writes .xlsx files (error reports, templates, exports) through libxlsxwriter in its
// constant-memory mode: rows go to disk as they are written. Every cell is written as
// text with the text number format, so ID numbers and codes stay as typed.
class XlsxWriter {
 public:
  explicit XlsxWriter(const std::string& path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a new worksheet; rows go to the newest one.
  void AddSheet(const std::string& name);
  // A bold, frozen header row with column widths fitted to the header text.
  void WriteHeader(const std::vector<std::string>& cells);
  void WriteRow(const std::vector<std::string>& cells);
  // Writes the file; throws std::runtime_error (Chinese message) when it cannot.
  void Close();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace shuanglian::ingest
