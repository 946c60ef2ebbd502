#include "ingest/csv_reader.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <vector>

#include "core/csv.h"
#include "core/text.h"

namespace shuanglian::ingest {

namespace {

constexpr std::size_t kChunk = 1 << 20;

// The delimiter that splits the first lines most consistently.
char GuessDelimiter(std::string_view text) {
  int best_count = 0;
  char best = ',';
  for (const char candidate : {',', '\t', ';'}) {
    int count = 0;
    bool quoted = false;
    int lines = 0;
    for (const char c : text) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == candidate) {
        ++count;
      } else if (!quoted && c == '\n' && ++lines >= 20) {
        break;
      }
    }
    if (count > best_count) {
      best_count = count;
      best = candidate;
    }
  }
  return best;
}

class CsvReader final : public TableReader {
 public:
  CsvReader(const std::string& path, Encoding encoding)
      : stream_(path, std::ios::binary), decoder_(encoding), dialect_{encoding, ','} {
    if (!stream_) {
      throw ReadError("无法打开文件 " + path + "：" + std::strerror(errno));
    }
    stream_.seekg(0, std::ios::end);
    size_ = static_cast<double>(stream_.tellg());
    stream_.seekg(0);
    // The first chunk's text, kept to guess the delimiter from before the parser is made.
    std::string first;
    Fill([&](std::string_view text) { first.append(text); });
    dialect_.delimiter = GuessDelimiter(first);
    parser_ = core::CsvParser(dialect_.delimiter);
    parser_.Feed(first);
  }

  bool Next(SourceRow& row) override {
    while (true) {
      while (!parser_.HasRecord()) {
        if (ended_) {
          return false;
        }
        if (!finished_) {
          Fill([&](std::string_view text) { parser_.Feed(text); });
          continue;
        }
        // The file is read: complete a last record without a line break, and refuse a file
        // cut inside quotes.
        ended_ = true;
        decoder_.Finish();
        parser_.Finish();
        if (parser_.UnterminatedQuote()) {
          throw ReadError("CSV 文件第 " + std::to_string(record_number_ + 1) +
                          " 行起有未闭合的引号，文件可能被截断");
        }
      }
      parser_.Take(fields_);
      ++record_number_;
      bool empty = true;
      for (const std::string& field : fields_) {
        empty = empty && core::Trim(field).empty();
      }
      if (empty) {
        continue;
      }
      row.number = record_number_;
      row.cells.resize(fields_.size());
      for (std::size_t index = 0; index < fields_.size(); ++index) {
        row.cells[index].text = std::move(fields_[index]);
        row.cells[index].kind = core::CellKind::kText;
      }
      return true;
    }
  }

  double Progress() const override { return size_ > 0 ? consumed_ / size_ : 1.0; }

  std::string FormatName() const override {
    return "CSV (" + EncodingName(dialect_.encoding) + ")";
  }

  const CsvDialect& dialect() const { return dialect_; }

 private:
  // Reads the next chunk of the file and hands its text to `sink`.
  void Fill(const std::function<void(std::string_view)>& sink) {
    buffer_.resize(kChunk);
    stream_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    const auto got = static_cast<std::size_t>(stream_.gcount());
    consumed_ += static_cast<double>(got);
    try {
      decoder_.Decode(std::string_view(buffer_.data(), got), sink);
    } catch (const ReadError& error) {
      throw ReadError("CSV 文件第 " + std::to_string(record_number_) + " 行之后：" + error.what());
    }
    if (got < buffer_.size()) {
      finished_ = true;
    }
  }

  std::ifstream stream_;
  Decoder decoder_;
  CsvDialect dialect_;
  core::CsvParser parser_;
  std::vector<std::string> fields_;  // the record taken last, its vector reused
  std::vector<char> buffer_;
  double size_ = 0;
  double consumed_ = 0;
  bool finished_ = false;  // every byte of the file has been read
  bool ended_ = false;     // and the parser has been told the input ended
  std::int64_t record_number_ = 0;
};

}  // namespace

std::unique_ptr<TableReader> OpenCsv(const std::string& path, EncodingCheck check) {
  return std::make_unique<CsvReader>(path, DetectEncoding(path, check));
}

CsvDialect DialectOf(const TableReader& reader) {
  if (const auto* csv = dynamic_cast<const CsvReader*>(&reader)) {
    return csv->dialect();
  }
  return CsvDialect{};
}

}  // namespace shuanglian::ingest
