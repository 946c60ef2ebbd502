#pragma once

#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace shuanglian::ingest::xlsx {

struct ZipArchiveDiscard {
  // The archive is only ever read: discarding never writes it back.
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchivePtr = std::unique_ptr<zip_t, ZipArchiveDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

// Opens an .xlsx as a zip archive for reading. Throws ReadError saying why the file is not
// one: missing, unreadable, an old .xls, or not a zip at all.
ZipArchivePtr OpenArchive(const std::string& path);

// Whether the archive has the entry (names compared without case, as OPC part names are).
bool HasEntry(zip_t* archive, const std::string& name);

// One entry of an archive, decompressed a chunk at a time. It borrows the archive, which
// must outlive it.
class ZipEntryReader {
 public:
  // nullopt when the archive has no such entry; ReadError when it has one that cannot be
  // opened (encrypted, an unsupported compression).
  static std::optional<ZipEntryReader> Open(zip_t* archive, const std::string& name);

  // Reads up to `capacity` bytes; 0 at the end. Throws ReadError for a damaged entry (bad
  // deflate data, CRC mismatch).
  std::size_t Read(void* buffer, std::size_t capacity);

  const std::string& name() const { return name_; }
  // Uncompressed size recorded in the archive; 0 when unknown.
  std::uint64_t size() const { return size_; }
  std::uint64_t consumed() const { return consumed_; }

 private:
  ZipEntryReader(std::string name, ZipFilePtr file, std::uint64_t size)
      : name_(std::move(name)), file_(std::move(file)), size_(size) {}

  std::string name_;
  ZipFilePtr file_;
  std::uint64_t size_ = 0;
  std::uint64_t consumed_ = 0;
};

}  // namespace shuanglian::ingest::xlsx
