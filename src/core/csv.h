#pragma once

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

  bool HasRecord() const { return taken_ < ready_; }
  std::vector<std::string> Take();
  // Take into a vector the caller reuses from record to record. The parser keeps the
  // vector it had, with its capacity, for a record to come: a long file is parsed without
  // allocating a vector per record.
  void Take(std::vector<std::string>& record);
  // Was the input cut inside a quoted field?
  bool UnterminatedQuote() const { return unterminated_quote_; }

 private:
  void EndField();
  void EndRecord();
  // Does c end a run of unquoted text?
  bool EndsPlainRun(char c) const;

  char delimiter_;
  std::string field_;
  std::vector<std::string> record_;  // the record being read
  // Records [taken_, ready_) are complete; the other slots hold vectors kept for reuse.
  std::vector<std::vector<std::string>> records_;
  std::size_t taken_ = 0;
  std::size_t ready_ = 0;
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
