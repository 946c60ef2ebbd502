#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/checksums.h"
#include "store/database.h"

namespace shuanglian::store {

// Backups of a township's database file, and restores from them (docs/backup.md). SQLite
// only: a server's PostgreSQL is backed up by PostgreSQL's own tools.

// Every table of an SQLite database as it is, whatever its schema's version (a backup made
// by an older program), the ids SQLite has given (sqlite_sequence) included; by name.
std::vector<TableChecksum> FileChecksums(Database& database);

// What PRAGMA integrity_check finds wrong with a database file; empty when it is sound.
std::vector<std::string> IntegrityProblems(Database& database);

struct BackupOutcome {
  std::vector<TableChecksum> source;  // in the one snapshot the copy was made from
  std::vector<TableChecksum> copy;    // of the file written
  std::vector<std::string> problems;  // integrity_check's on the copy
  bool kept = false;                  // the copy checked out and has its name
};

// Copies the database into a new file at `path`, page by page, as one moment leaves it: a
// server and imports go on reading and writing meanwhile. The copy is written aside, checked
// (integrity_check, and every table's count and checksum against the source's in the same
// snapshot), synced, and only then given its name; a copy that does not check out is
// removed, and no file is ever overwritten. `before_keep`, when given, runs once the copy
// has checked out (the photo files); what it throws leaves no copy. The source is only read.
BackupOutcome Backup(Database& source, const std::string& path,
                     const std::function<void(const BackupOutcome&)>& before_keep = nullptr);

// What a backup file is, checked before anything is replaced by it.
struct BackupFile {
  std::vector<TableChecksum> tables;
  int version = 0;  // the schema's, by its last migration
};

// Reads a backup file without changing it, and refuses (StoreError) one that is damaged, is
// not this program's database, or was made by a newer program (a version above this one's
// last migration).
BackupFile CheckBackupFile(const std::string& path);

// Beside `path`, its name with `suffix` before the extension: "town.db" and
// ".before-restore-20261207-214005" give "town.before-restore-20261207-214005.db".
std::string NameBeside(const std::string& path, const std::string& suffix);

struct RestoreOutcome {
  BackupFile backup;
  std::vector<TableChecksum> restored;  // the database's tables afterwards
  std::string kept_before;              // the database as it was, copied; empty if it had none
  bool kept_damaged = false;            // it failed its integrity check: copied as it was
};

// Replaces the database `target` by the backup file at `path`, whole, in one transaction;
// with the file held alone for the whole of it (refused, kBusy, while a server, an import or
// any other connection has it open). What the database held before is first copied to
// `keep_path`, so that a restore never loses anything either; one that fails its integrity
// check (the reason to restore) is copied as it is, its name ending "-damaged". The result
// is checked table
// by table against the backup; if it differs, the database is put back as it was and the
// restore fails. The schema is not migrated here (BringUpToDate).
RestoreOutcome Restore(const std::string& path, const BackupFile& backup, Database& target,
                       const std::string& keep_path);

}  // namespace shuanglian::store
