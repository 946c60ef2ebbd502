#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/audit_log.h"
#include "store/file_locks.h"

namespace shuanglian::api {

// Reads of personal data that a stopping server could not write to the audit log (its
// database away, or the log's lock held elsewhere): kept in the work directory as JSON lines,
// a file for each stop, and written by the next server of the same database when it starts,
// so that an audited read is not lost to a bad moment. `database` tells the servers of one
// work directory apart (the PostgreSQL default, /tmp/shuanglian-server, may serve several):
// ServerState::database_key, the database however --db spells it.

// Writes the entries to a new file, whole and on the disk before it takes its name: that name.
std::string SaveUnwrittenReads(const std::string& directory, const std::string& database,
                               const std::vector<store::AuditEntry>& entries);

// A file taken by this process: locked (an open file description's lock, which ends with the
// process however it ends) until it is removed, once its entries are in the log.
class ClaimedFile {
 public:
  ClaimedFile(std::string path, int descriptor) : path_(std::move(path)), descriptor_(descriptor) {}
  // Removes the file; the lock ends with the object.
  void Remove();

 private:
  std::string path_;
  store::FileDescriptor descriptor_;  // holds the lock
};

struct ClaimedReads {
  std::vector<store::AuditEntry> entries;
  std::vector<std::unique_ptr<ClaimedFile>> files;  // to remove once the entries are in the log
  std::vector<std::string> problems;                // lines that could not be read
};

// Takes the files saved for `database` that no live process holds: each is locked first, so
// that two servers starting at once never both take one, and a server that ends before it has
// written a file's entries lets it go for the next.
ClaimedReads ClaimUnwrittenReads(const std::string& directory, const std::string& database);

}  // namespace shuanglian::api
