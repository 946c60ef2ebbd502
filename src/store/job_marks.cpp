#include "store/job_marks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "store/file_locks.h"

namespace shuanglian::store {

namespace {

// The first half of the two-key advisory locks of running imports (7412001, 7412002 and
// 7412004 are one-key locks, 7412003 the assignments' two-key class).
constexpr std::int64_t kJobMarkClass = 7412005;

class PostgresJobMark final : public JobMark {
 public:
  PostgresJobMark(Database& database, std::int64_t job) : database_(database), job_(job) {
    database_.Query("SELECT pg_advisory_lock(CAST($1 AS INTEGER), CAST($2 AS INTEGER))",
                    {kJobMarkClass, job_});
  }
  ~PostgresJobMark() override {
    if (!database_.Healthy()) {
      return;  // the connection is gone, and the lock with it
    }
    try {
      database_.Query("SELECT pg_advisory_unlock(CAST($1 AS INTEGER), CAST($2 AS INTEGER))",
                      {kJobMarkClass, job_});
    } catch (const std::exception&) {
      // A transaction that failed refuses every statement: the lock then ends with the
      // connection, which such a failure usually closes soon.
    }
  }

 private:
  Database& database_;
  std::int64_t job_;
};

// The job's id is the offset of its byte in the marks file (store/file_locks.h); the file
// stays empty.
bool InMemory(const std::string& path) {
  return path.empty() || path == ":memory:" || path.find("mode=memory") != std::string::npos;
}

// Beside the file itself: a link to it, or another spelling of its path, names the same marks.
std::string MarksFile(const Database& database) {
  std::error_code unresolved;
  const std::filesystem::path file = std::filesystem::canonical(database.FilePath(), unresolved);
  return (unresolved ? database.FilePath() : file.string()) + ".running-imports";
}

class FileJobMark final : public JobMark {
 public:
  FileJobMark(const std::string& path, std::int64_t job)
      : file_(::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0666)) {
    if (file_.get() < 0) {
      if (errno == EACCES && ::access(path.c_str(), F_OK) == 0) {
        // Another user's file we may not read: unmarked, and unreadable to the question too,
        // which then takes a job as at work.
        return;
      }
      // Where this file cannot be made, neither can SQLite's journal beside the database.
      throw StoreError(StoreError::Kind::kOther,
                       "无法创建导入标记文件 " + path + "：" + std::strerror(errno));
    }
    // A read lock: it needs the file open for reading only (the file may be another user's,
    // made by a `shuanglian import` run as its owner), and a question for a write lock still
    // finds it.
    if (!TryLockRange(file_.get(), F_RDLCK, static_cast<off_t>(job), 1) && errno != EINVAL &&
        errno != ENOLCK) {
      throw StoreError(StoreError::Kind::kOther,
                       "无法标记导入任务 " + std::to_string(job) + "：" + std::strerror(errno));
    }
    // EINVAL, ENOLCK: a file system without such locks (some network ones). The import goes
    // on unmarked; the question fails there too, and a job is then taken as at work.
  }

 private:
  FileDescriptor file_;  // closing it ends the lock
};

class NoMark final : public JobMark {};

}  // namespace

std::unique_ptr<JobMark> MarkJobAtWork(Database& database, std::int64_t job) {
  if (database.backend() == Backend::kPostgres) {
    return std::make_unique<PostgresJobMark>(database, job);
  }
  if (InMemory(database.FilePath())) {
    return std::make_unique<NoMark>();  // no other process can see such a database
  }
  return std::make_unique<FileJobMark>(MarksFile(database), job);
}

bool JobMarkHeld(Database& database, std::int64_t job) {
  if (database.backend() == Backend::kPostgres) {
    // pg_locks is readable by every role. A two-key advisory lock shows its keys as classid
    // and objid, with objsubid 2.
    return database
               .Query(
                   "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                   "database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                   "AND classid = CAST($1 AS INTEGER) AND objid = CAST($2 AS INTEGER) AND "
                   "objsubid = 2",
                   {kJobMarkClass, job})[0]
               .Int(0) > 0;
  }
  if (InMemory(database.FilePath())) {
    return true;  // only this connection sees the job: cannot be told, so taken as at work
  }
  const FileDescriptor file(::open(MarksFile(database).c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    if (errno == ENOENT) {
      return false;  // no import ever marked a job here
    }
    return true;  // cannot be told: never call a job dead on a doubt
  }
  // A write lock's question meets the holder's read lock; one that cannot be asked is a doubt.
  return RangeLockedElsewhere(file.get(), F_WRLCK, static_cast<off_t>(job), 1).value_or(true);
}

}  // namespace shuanglian::store
