#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shuanglian::store {

class Database;

// Visit photos are files, not rows: each is named by its SHA-256 in a folder of the
// installation's (DIR/ab/abcdef...), and the photos table says who uploaded what.

// Where a database's photos live: the folder an option names (`chosen`), else beside an
// SQLite file (FILE.photos), or ./shuanglian-photos for a PostgreSQL server.
std::string PhotoDirectory(const std::string& chosen, const std::string& database_target);

std::string PhotoPath(const std::string& directory, const std::string& sha256);

// Writes a photo's bytes under its name, whole or not at all (aside, then renamed).
// Returns false when the folder cannot take it.
bool WritePhotoFile(const std::string& directory, const std::string& sha256,
                    std::string_view bytes);

// Every photo the database has a row for, by name.
std::vector<std::string> PhotoNames(Database& database);

// What CopyPhotos did with the photos it was given.
struct PhotoCopy {
  std::int64_t copied = 0;           // written into the target folder
  std::int64_t already_there = 0;    // the target folder had them, whole
  std::vector<std::string> missing;  // not in the source folder
  std::vector<std::string> damaged;  // in it, but their bytes are not the photo named
};

// Copies the named photos from one folder to another (a transfer of the database they
// belong to). Each is checked against its name before it is written. Throws StoreError
// (kOther) when the target folder cannot take a photo.
PhotoCopy CopyPhotos(const std::vector<std::string>& sha256s, const std::string& from,
                     const std::string& to);

}  // namespace shuanglian::store
