#pragma once

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The small parts of a workbook read before its sheet: which sheets there are and where,
// the shared string table, and which cell styles are dates.
namespace shuanglian::ingest::xlsx {

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

struct Relationship {
  std::string id;
  std::string type;    // a URI ending in "/worksheet", "/sharedStrings", "/styles", ...
  std::string target;  // the part's path inside the archive, resolved ("xl/worksheets/sheet1.xml")
};

// The workbook part's path: "xl/workbook.xml", or wherever _rels/.rels points. Throws
// ReadError when the archive holds no workbook.
std::string FindWorkbookPart(zip_t* archive);

// The <sheet> entries of a workbook part, in workbook order.
std::vector<SheetEntry> ReadSheetEntries(zip_t* archive, const std::string& workbook_part);

// The relationships of `part` (from its _rels/<name>.rels), targets resolved against the
// part's folder. Empty when the part has no relationships file.
std::vector<Relationship> ReadRelationships(zip_t* archive, const std::string& part);

// Resolves a relationship target against the folder of the part that owns it.
std::string ResolveTarget(std::string_view part, std::string_view target);

// Whether a relationship type URI is of the given kind ("worksheet"): transitional and
// strict OOXML spell the namespace differently but end the same way.
bool IsRelationshipType(std::string_view type, std::string_view kind);

// The shared string table, kept in one buffer: a sheet of a million rows may have millions
// of short strings, and one std::string each would triple their memory.
class SharedStrings {
 public:
  void Add(std::string_view text);
  std::size_t size() const { return ends_.size(); }
  // The string at `index`, which must be below size().
  std::string_view Get(std::size_t index) const;

 private:
  std::string pool_;
  std::vector<std::uint64_t> ends_;
};

// Reads a shared strings part: rich-text runs concatenated, phonetic runs left out, each
// string bounded to Excel's 32,767 characters.
SharedStrings ReadSharedStrings(zip_t* archive, const std::string& part);

// For each cell format (the cellXfs index a cell's s attribute names), whether it shows a
// date.
std::vector<bool> ReadDateStyles(zip_t* archive, const std::string& part);

}  // namespace shuanglian::ingest::xlsx
