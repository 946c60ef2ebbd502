#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace shuanglian::core {

// An incremental RFC 4180 parser: quoted fields, doubled quotes, line breaks inside quotes,
// CRLF or LF. Bytes go in by Feed in chunks of any size; whole records come out by Take.
// It does not decode: feed it UTF-8.
class CsvParser {
 public:
  explicit CsvParser(char delimiter = ',') : delimiter_(delimiter) {}

  void Feed(std::string_view chunk);
  // The input has ended: a last record without a line break is completed.
  void Finish();

  bool HasRecord() const { return !ready_.empty(); }
  std::vector<std::string> Take();
  // Was the input cut inside a quoted field?
  bool UnterminatedQuote() const { return unterminated_quote_; }

 private:
  void EndField();
  void EndRecord();

  char delimiter_;
  std::string field_;
  std::vector<std::string> record_;
  std::deque<std::vector<std::string>> ready_;
  bool in_quotes_ = false;
  bool quote_pending_ = false;  // a quote inside quotes: either "" or the closing quote
  bool field_started_ = false;
  bool after_cr_ = false;
  bool unterminated_quote_ = false;
};

// Parses a whole CSV text (small files: dictionaries, region lists).
std::vector<std::vector<std::string>> ParseCsv(std::string_view text, char delimiter = ',');

// Quotes a field when it holds the delimiter, a quote or a line break.
std::string CsvEscape(std::string_view field, char delimiter = ',');

}  // namespace shuanglian::core
