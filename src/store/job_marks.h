#pragma once

#include <cstdint>
#include <memory>

#include "store/database.h"

namespace shuanglian::store {

// A sign that an import job is at work, which every process using the database can see and
// which ends by itself when the process holding it ends, however it ends (killed, crashed,
// its machine gone): so a job left "running" by a process that died is told apart from one
// still at work, on another server or in a `shuanglian import` run elsewhere.
//
// PostgreSQL: a session advisory lock of the job's connection (the server drops it with the
// connection). SQLite: a lock on one byte of a file beside the database (FILE.running-imports;
// the kernel drops it with the process). Both are held by the holder alone; asking whether a
// mark is held takes nothing.
class JobMark {
 public:
  virtual ~JobMark() = default;
};

// Marks `job` as at work for as long as the returned object lives. On PostgreSQL the mark
// belongs to `database`'s connection, which must outlive it.
std::unique_ptr<JobMark> MarkJobAtWork(Database& database, std::int64_t job);

// Whether any process (this one included) holds the mark of `job`.
bool JobMarkHeld(Database& database, std::int64_t job);

}  // namespace shuanglian::store
