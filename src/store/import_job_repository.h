#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/job_marks.h"

namespace shuanglian::store {

struct ImportCounts {
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
};

// The record of each import: its id tags every row it writes.
class ImportJobRepository {
 public:
  explicit ImportJobRepository(Database& database) : database_(database) {}

  struct Started {
    std::int64_t id = 0;
    // Held until the job's end is written (store/job_marks.h): a job found "running" without
    // it was left by a process that ended midway, and reads as "interrupted".
    std::unique_ptr<JobMark> mark;
  };
  // Commits at once, outside any batch, so a job id is never reused; the job is marked at
  // work before it is seen. The job is its uploader's from the start: they follow it while it
  // runs. Jobs left running by processes that have ended are written down as interrupted.
  Started Start(const std::string& kind, const std::string& file_name, const std::string& now,
                const std::string& created_by);
  void Finish(std::int64_t job, const std::string& status, const ImportCounts& counts,
              const std::string& summary_json, const std::string& now);

  // A job whose import died without saying how it ended (its connection cut, the server
  // restarted): marked failed, unless it had ended after all. Its own transaction.
  void MarkFailedIfRunning(std::int64_t job, const std::string& now);

  // What the server keeps of an upload: who made it, the summary, the error report.
  void SetDetails(std::int64_t job, const std::string& created_by, const std::string& summary_json,
                  const std::string& report_path);

  struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::string file_name;
    std::string status;
    std::string started_at;
    std::string finished_at;
    ImportCounts counts;
    std::string summary_json;
    std::string created_by;
    std::string report_path;
  };
  // A job "running" whose mark no process holds reads as "interrupted".
  std::optional<Job> Get(std::int64_t id);
  std::vector<Job> Recent(const std::string& created_by, std::int64_t limit);

 private:
  void Settle(Job& job);

  Database& database_;
};

}  // namespace shuanglian::store
