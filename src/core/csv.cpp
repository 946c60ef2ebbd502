#include "core/csv.h"

#include <cstring>

namespace shuanglian::core {

void CsvParser::EndField() {
  record_.push_back(std::move(field_));
  field_.clear();
  field_started_ = false;
}

void CsvParser::EndRecord() {
  EndField();
  if (ready_ == records_.size()) {
    records_.emplace_back();
  }
  // The record goes into its slot; the slot's old vector, capacity and all, is the next.
  records_[ready_++].swap(record_);
  record_.clear();
}

bool CsvParser::EndsPlainRun(char c) const {
  return c == delimiter_ || c == '\n' || c == '\r';
}

void CsvParser::Feed(std::string_view chunk) {
  const char* pos = chunk.data();
  const char* const end = pos + chunk.size();
  while (pos < end) {
    const char c = *pos;
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') {
        ++pos;
        continue;  // the LF of a CRLF
      }
    }
    if (quote_pending_) {
      quote_pending_ = false;
      if (c == '"') {
        field_.push_back('"');
        ++pos;
        continue;
      }
      in_quotes_ = false;  // that quote closed the field; handle c normally below
    }
    if (in_quotes_) {
      if (c == '"') {
        quote_pending_ = true;
        ++pos;
        continue;
      }
      // Text up to the next quote is the field's, line breaks and delimiters included.
      const void* quote = std::memchr(pos, '"', static_cast<std::size_t>(end - pos));
      const char* stop = quote == nullptr ? end : static_cast<const char*>(quote);
      field_.append(pos, stop);
      pos = stop;
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
      // Text up to the next delimiter or line break is the field's, copied at once. A quote
      // in the middle of an unquoted field is kept as text, as spreadsheets do.
      const char* stop = pos + 1;
      while (stop < end && !EndsPlainRun(*stop)) {
        ++stop;
      }
      field_.append(pos, stop);
      field_started_ = true;
      pos = stop;
      continue;
    }
    ++pos;
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
  std::vector<std::string> record;
  Take(record);
  return record;
}

void CsvParser::Take(std::vector<std::string>& record) {
  records_[taken_++].swap(record);
  if (taken_ == ready_) {
    taken_ = ready_ = 0;  // every slot is free again
  }
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
