#include "ingest/xlsx_workbook.h"

#include <charconv>
#include <optional>
#include <unordered_map>

#include "ingest/table_reader.h"
#include "ingest/xlsx_cell.h"
#include "ingest/xlsx_xml.h"
#include "ingest/xlsx_zip.h"

namespace shuanglian::ingest::xlsx {
namespace {

// Bounds on what a hostile workbook could otherwise make us keep. Excel itself allows far
// fewer sheets and cell formats (64,000).
constexpr std::size_t kMaxSheets = 100000;
constexpr std::size_t kMaxRelationships = 1000000;
constexpr std::size_t kMaxCellFormats = 1 << 20;
constexpr std::size_t kMaxNumberFormats = 1 << 16;

// Parses a part through `handler`; false when the archive has no such part.
bool ParsePart(zip_t* archive, const std::string& part, XmlHandler& handler) {
  std::optional<ZipEntryReader> entry = ZipEntryReader::Open(archive, part);
  if (!entry) {
    return false;
  }
  XmlStream stream(std::move(*entry), handler);
  stream.ParseAll();
  return true;
}

int ParseInt(const char* text, int fallback) {
  if (text == nullptr) {
    return fallback;
  }
  const std::string_view view(text);
  int value = 0;
  const auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  return error == std::errc() && end == view.data() + view.size() ? value : fallback;
}

std::string Value(const char* text) {
  return text == nullptr ? std::string() : std::string(text);
}

class SheetListHandler : public XmlHandler {
 public:
  explicit SheetListHandler(std::vector<SheetEntry>& sheets) : sheets_(sheets) {}

  XmlAction OnStart(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheets") {
      in_sheets_ = true;
    } else if (in_sheets_ && name == "sheet") {
      if (sheets_.size() >= kMaxSheets) {
        throw ReadError("XLSX 内容异常：工作表数量超过 " + std::to_string(kMaxSheets));
      }
      sheets_.push_back({Value(attributes.Get("name")), Value(attributes.GetNamespaced("id"))});
    }
    return XmlAction::kContinue;
  }
  XmlAction OnEnd(std::string_view name) override {
    if (name == "sheets") {
      in_sheets_ = false;
      return XmlAction::kStop;  // the rest of the workbook part is of no use here
    }
    return XmlAction::kContinue;
  }
  void OnText(std::string_view /*text*/) override {}

 private:
  std::vector<SheetEntry>& sheets_;
  bool in_sheets_ = false;
};

class RelationshipHandler : public XmlHandler {
 public:
  RelationshipHandler(std::string part, std::vector<Relationship>& relationships)
      : part_(std::move(part)), relationships_(relationships) {}

  XmlAction OnStart(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship") {
      return XmlAction::kContinue;
    }
    const char* mode = attributes.Get("TargetMode");
    if (mode != nullptr && std::string_view(mode) == "External") {
      return XmlAction::kContinue;
    }
    if (relationships_.size() >= kMaxRelationships) {
      throw ReadError("XLSX 内容异常：关系数量超过 " + std::to_string(kMaxRelationships));
    }
    relationships_.push_back({Value(attributes.Get("Id")), Value(attributes.Get("Type")),
                              ResolveTarget(part_, Value(attributes.Get("Target")))});
    return XmlAction::kContinue;
  }
  XmlAction OnEnd(std::string_view /*name*/) override { return XmlAction::kContinue; }
  void OnText(std::string_view /*text*/) override {}

 private:
  std::string part_;
  std::vector<Relationship>& relationships_;
};

class SharedStringsHandler : public XmlHandler {
 public:
  explicit SharedStringsHandler(SharedStrings& strings) : strings_(strings) {}

  XmlAction OnStart(std::string_view name, const XmlAttributes& /*attributes*/) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
      characters_ = 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      capturing_ = true;
    }
    return XmlAction::kContinue;
  }
  XmlAction OnEnd(std::string_view name) override {
    if (name == "t") {
      capturing_ = false;
    } else if (name == "rPh") {
      phonetic_depth_ = phonetic_depth_ > 0 ? phonetic_depth_ - 1 : 0;
    } else if (name == "si") {
      strings_.Add(DecodeEscapes(text_));
      in_item_ = false;
    }
    return XmlAction::kContinue;
  }
  void OnText(std::string_view text) override {
    if (capturing_) {
      AppendBounded(text_, characters_, text);
    }
  }

 private:
  SharedStrings& strings_;
  std::string text_;
  std::size_t characters_ = 0;
  int phonetic_depth_ = 0;
  bool in_item_ = false;
  bool capturing_ = false;
};

class StylesHandler : public XmlHandler {
 public:
  XmlAction OnStart(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmts") {
      in_number_formats_ = true;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (in_number_formats_ && name == "numFmt") {
      const char* code = attributes.Get("formatCode");
      if (custom_formats_.size() < kMaxNumberFormats) {
        custom_formats_[ParseInt(attributes.Get("numFmtId"), -1)] =
            code != nullptr && IsDateFormatCode(code);
      }
    } else if (in_cell_formats_ && name == "xf") {
      if (cell_format_ids_.size() < kMaxCellFormats) {
        cell_format_ids_.push_back(ParseInt(attributes.Get("numFmtId"), 0));
      }
    }
    return XmlAction::kContinue;
  }
  XmlAction OnEnd(std::string_view name) override {
    if (name == "numFmts") {
      in_number_formats_ = false;
    } else if (name == "cellXfs") {
      in_cell_formats_ = false;
    }
    return XmlAction::kContinue;
  }
  void OnText(std::string_view /*text*/) override {}

  std::vector<bool> DateStyles() const {
    std::vector<bool> dates;
    dates.reserve(cell_format_ids_.size());
    for (const int format_id : cell_format_ids_) {
      // A workbook may redefine a built-in id; its own code then decides.
      const auto custom = custom_formats_.find(format_id);
      dates.push_back(custom != custom_formats_.end() ? custom->second
                                                      : IsBuiltinDateFormat(format_id));
    }
    return dates;
  }

 private:
  std::unordered_map<int, bool> custom_formats_;
  std::vector<int> cell_format_ids_;
  bool in_number_formats_ = false;
  bool in_cell_formats_ = false;
};

std::string RelationshipsPartOf(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  if (slash == std::string_view::npos) {
    return "_rels/" + std::string(part) + ".rels";
  }
  return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) +
         ".rels";
}

}  // namespace

std::string ResolveTarget(std::string_view part, std::string_view target) {
  std::string joined;
  if (target.starts_with('/')) {
    joined = target.substr(1);
  } else {
    const std::size_t slash = part.rfind('/');
    joined = slash == std::string_view::npos
                 ? std::string(target)
                 : std::string(part.substr(0, slash + 1)) + std::string(target);
  }
  std::vector<std::string_view> segments;
  std::string_view rest(joined);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") {
      continue;
    }
    if (segment == "..") {
      if (!segments.empty()) {
        segments.pop_back();
      }
      continue;
    }
    segments.push_back(segment);
  }
  std::string resolved;
  for (const std::string_view segment : segments) {
    if (!resolved.empty()) {
      resolved += '/';
    }
    resolved += segment;
  }
  return resolved;
}

bool IsRelationshipType(std::string_view type, std::string_view kind) {
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

std::string FindWorkbookPart(zip_t* archive) {
  const std::string usual = "xl/workbook.xml";
  if (HasEntry(archive, usual)) {
    return usual;
  }
  // Producers may put the workbook elsewhere; the package relationships say where.
  for (const Relationship& relationship : ReadRelationships(archive, "")) {
    if (IsRelationshipType(relationship.type, "officeDocument") &&
        HasEntry(archive, relationship.target)) {
      return relationship.target;
    }
  }
  throw ReadError("文件是 zip 压缩包，但不是 XLSX 工作簿（缺少 xl/workbook.xml）");
}

std::vector<SheetEntry> ReadSheetEntries(zip_t* archive, const std::string& workbook_part) {
  std::vector<SheetEntry> sheets;
  SheetListHandler handler(sheets);
  if (!ParsePart(archive, workbook_part, handler)) {
    throw ReadError("XLSX 内容不完整：缺少 " + workbook_part);
  }
  return sheets;
}

std::vector<Relationship> ReadRelationships(zip_t* archive, const std::string& part) {
  std::vector<Relationship> relationships;
  RelationshipHandler handler(part, relationships);
  ParsePart(archive, RelationshipsPartOf(part), handler);
  return relationships;
}

void SharedStrings::Add(std::string_view text) {
  pool_.append(text);
  ends_.push_back(pool_.size());
}

std::string_view SharedStrings::Get(std::size_t index) const {
  const std::uint64_t begin = index == 0 ? 0 : ends_[index - 1];
  return std::string_view(pool_).substr(begin, ends_[index] - begin);
}

SharedStrings ReadSharedStrings(zip_t* archive, const std::string& part) {
  SharedStrings strings;
  SharedStringsHandler handler(strings);
  ParsePart(archive, part, handler);
  return strings;
}

std::vector<bool> ReadDateStyles(zip_t* archive, const std::string& part) {
  StylesHandler handler;
  ParsePart(archive, part, handler);
  return handler.DateStyles();
}

}  // namespace shuanglian::ingest::xlsx
