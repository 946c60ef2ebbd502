#pragma once

#include <string>

namespace shuanglian::store {

// Files a user keeps (a backup, a report draft edited by hand) are written aside and then
// named, never replacing a file already there.

// Renames `from` to `to` unless `to` exists: 0, or the errno (EEXIST when the name is taken).
int RenameNoReplace(const std::string& from, const std::string& to);

// Makes a name given in a directory last across a power cut (fsync of the directory); best
// effort.
void SyncDirectoryOf(const std::string& path);

// Writes `bytes` to a new file beside `path` and syncs it, then gives it the name `path`:
// never replacing a file there unless `replace`. A half-written file never carries the name.
// Returns 0 or the errno (EEXIST when the name is taken and `replace` is false).
int PublishFile(const std::string& path, const std::string& bytes, bool replace);

}  // namespace shuanglian::store
