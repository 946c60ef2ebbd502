#include "core/csv.h"

namespace shuanglian::core {

void CsvParser::EndField() {
  record_.push_back(std::move(field_));
  field_.clear();
  field_started_ = false;
}

void CsvParser::EndRecord() {
  EndField();
  ready_.push_back(std::move(record_));
  record_.clear();
}

void CsvParser::Feed(std::string_view chunk) {
  for (const char c : chunk) {
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') {
        continue;  // the LF of a CRLF
      }
    }
    if (quote_pending_) {
      quote_pending_ = false;
      if (c == '"') {
        field_.push_back('"');
        continue;
      }
      in_quotes_ = false;  // that quote closed the field; handle c normally below
    }
    if (in_quotes_) {
      if (c == '"') {
        quote_pending_ = true;
      } else {
        field_.push_back(c);
      }
      continue;
    }
    if (c == delimiter_) {
      EndField();
    } else if (c == '\n' || c == '\r') {
      after_cr_ = c == '\r';
      EndRecord();
    } else if (c == '"' && !field_started_) {
      in_quotes_ = true;
      field_started_ = true;
    } else {
      // A quote in the middle of an unquoted field is kept as text, as spreadsheets do.
      field_.push_back(c);
      field_started_ = true;
    }
  }
}

void CsvParser::Finish() {
  if (quote_pending_) {
    quote_pending_ = false;
    in_quotes_ = false;
  }
  if (in_quotes_) {
    unterminated_quote_ = true;
    in_quotes_ = false;
  }
  if (field_started_ || !field_.empty() || !record_.empty()) {
    EndRecord();
  }
}

std::vector<std::string> CsvParser::Take() {
  std::vector<std::string> record = std::move(ready_.front());
  ready_.pop_front();
  return record;
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view text, char delimiter) {
  CsvParser parser(delimiter);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  parser.Feed(text);
  parser.Finish();
  std::vector<std::vector<std::string>> records;
  while (parser.HasRecord()) {
    records.push_back(parser.Take());
  }
  return records;
}

std::string CsvEscape(std::string_view field, char delimiter) {
  if (field.find_first_of(std::string{delimiter, '"', '\n', '\r'}) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') {
      out += "\"\"";
    } else {
      out.push_back(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace shuanglian::core
