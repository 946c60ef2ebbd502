#include "store/photo_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "store/database.h"
#include "store/sha256.h"

namespace shuanglian::store {

namespace {

std::optional<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return std::nullopt;
  }
  return bytes;
}

}  // namespace

std::string PhotoDirectory(const std::string& chosen, const std::string& database_target) {
  if (!chosen.empty()) {
    return chosen;
  }
  return IsPostgresUrl(database_target) ? std::string("shuanglian-photos")
                                        : database_target + ".photos";
}

std::string PhotoPath(const std::string& directory, const std::string& sha256) {
  return directory + "/" + sha256.substr(0, 2) + "/" + sha256;
}

bool WritePhotoFile(const std::string& directory, const std::string& sha256,
                    std::string_view bytes) {
  const std::string path = PhotoPath(directory, sha256);
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
  if (error) {
    return false;
  }
  const std::string partial = path + ".part";
  {
    std::ofstream out(partial, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(partial, error);
      return false;
    }
  }
  std::filesystem::rename(partial, path, error);
  return !error;
}

std::vector<std::string> PhotoNames(Database& database) {
  std::vector<std::string> names;
  for (const RowView row : database.Query("SELECT sha256 FROM photos ORDER BY sha256")) {
    names.push_back(row.Text(0));
  }
  return names;
}

PhotoCopy CopyPhotos(const std::vector<std::string>& sha256s, const std::string& from,
                     const std::string& to) {
  PhotoCopy copy;
  for (const std::string& sha256 : sha256s) {
    const auto there = ReadWhole(PhotoPath(to, sha256));
    if (there && Sha256Hex(*there) == sha256) {
      ++copy.already_there;
      continue;
    }
    const auto bytes = ReadWhole(PhotoPath(from, sha256));
    if (!bytes) {
      copy.missing.push_back(sha256);
      continue;
    }
    if (Sha256Hex(*bytes) != sha256) {
      copy.damaged.push_back(sha256);
      continue;
    }
    if (!WritePhotoFile(to, sha256, *bytes)) {
      throw StoreError(StoreError::Kind::kOther, "无法把照片写入目录 " + to);
    }
    ++copy.copied;
  }
  return copy;
}

}  // namespace shuanglian::store
