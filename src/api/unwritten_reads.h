#pragma once

#include <string>
#include <vector>

#include "store/audit_log.h"

namespace shuanglian::api {

// Reads of personal data that a stopping server could not write to the audit log (its
// database away, or the log's lock held elsewhere): kept in the work directory as JSON lines,
// a file for each stop, and written by the next server of the same database when it starts,
// so that an audited read is not lost to a bad moment. `database` tells the servers of one
// work directory apart (the PostgreSQL default, /tmp/shuanglian-server, may serve several).

// Writes the entries to a new file, whole before it takes its name: that name.
std::string SaveUnwrittenReads(const std::string& directory, const std::string& database,
                               const std::vector<store::AuditEntry>& entries);

struct ClaimedReads {
  std::vector<store::AuditEntry> entries;
  std::vector<std::string> files;     // to remove once the entries are in the log
  std::vector<std::string> problems;  // lines that could not be read, for the operator
};

// Takes the files saved for `database` by earlier stops, and those another server took but did
// not finish with (it ended first). Each is renamed to this process's name first, so that two
// servers starting at once never both take one.
ClaimedReads ClaimUnwrittenReads(const std::string& directory, const std::string& database);

}  // namespace shuanglian::api
