#include "store/import_job_repository.h"

namespace shuanglian::store {

ImportJobRepository::Started ImportJobRepository::Start(const std::string& kind,
                                                        const std::string& file_name,
                                                        const std::string& now,
                                                        const std::string& created_by) {
  // The jobs left running by ended processes, written down as such (a process sees its own
  // marks too: one of its imports still running is left alone). Few rows: each was an import.
  // Its own transaction, in id order, and best effort: reads show such a job interrupted
  // anyway, and a new import is not refused for an old one's record (two imports starting
  // at once could otherwise meet in a deadlock here).
  try {
    Transaction sweep(database_);
    for (const RowView row :
         database_.Query("SELECT id FROM import_jobs WHERE status = 'running' ORDER BY id", {})) {
      if (!JobMarkHeld(database_, row.Int(0))) {
        database_.Execute(
            "UPDATE import_jobs SET status = 'interrupted', finished_at = $2 WHERE id = $1 AND "
            "status = 'running'",
            {row.Int(0), now});
      }
    }
    sweep.Commit();
  } catch (const StoreError& error) {
    if (error.kind() == StoreError::Kind::kConnection ||
        error.kind() == StoreError::Kind::kNoAnswer) {
      throw;  // the import could not go on either
    }
  }
  Transaction transaction(database_);
  Started started;
  started.id = database_
                   .Query(
                       "INSERT INTO import_jobs (kind, file_name, status, started_at, created_by) "
                       "VALUES ($1, $2, 'running', $3, $4) RETURNING id",
                       {kind, file_name, now, created_by})[0]
                   .Int(0);
  // Before the commit, so that no one sees the job running without its mark.
  started.mark = MarkJobAtWork(database_, started.id);
  transaction.Commit();
  return started;
}

void ImportJobRepository::Finish(std::int64_t job, const std::string& status,
                                 const ImportCounts& counts, const std::string& summary_json,
                                 const std::string& now) {
  Transaction transaction(database_);
  database_.Execute(
      "UPDATE import_jobs SET status = $2, finished_at = $3, rows = $4, imported = $5, updated = "
      "$6, unchanged = $7, rejected = $8, summary = $9 WHERE id = $1",
      {job, status, now, counts.rows, counts.imported, counts.updated, counts.unchanged,
       counts.rejected, summary_json});
  transaction.Commit();
}

void ImportJobRepository::MarkFailedIfRunning(std::int64_t job, const std::string& now) {
  Transaction transaction(database_);
  database_.Execute(
      "UPDATE import_jobs SET status = 'failed', finished_at = $2 WHERE id = $1 AND status = "
      "'running'",
      {job, now});
  transaction.Commit();
}

void ImportJobRepository::SetDetails(std::int64_t job, const std::string& created_by,
                                     const std::string& summary_json,
                                     const std::string& report_path) {
  Transaction transaction(database_);
  database_.Execute(
      "UPDATE import_jobs SET created_by = $2, summary = $3, report_path = $4 WHERE id = $1",
      {job, created_by, summary_json, report_path});
  transaction.Commit();
}

namespace {

constexpr std::string_view kJobColumns =
    "id, kind, file_name, status, started_at, finished_at, rows, imported, updated, unchanged, "
    "rejected, "
    "summary, created_by, report_path";

ImportJobRepository::Job ReadJob(const RowView& row) {
  ImportJobRepository::Job job;
  job.id = row.Int(0);
  job.kind = row.Text(1);
  job.file_name = row.Text(2);
  job.status = row.Text(3);
  job.started_at = row.Text(4);
  job.finished_at = row.Text(5);
  job.counts = ImportCounts{row.Int(6), row.Int(7), row.Int(8), row.Int(9), row.Int(10)};
  job.summary_json = row.Text(11);
  job.created_by = row.Text(12);
  job.report_path = row.Text(13);
  return job;
}

}  // namespace

void ImportJobRepository::Settle(Job& job) {
  if (job.status != "running" || JobMarkHeld(database_, job.id)) {
    return;
  }
  // A job lets its mark go only after its end is committed: read again, a job that ended
  // between the first read and the question says how; one still "running" was left midway.
  // (Outside a transaction, or at READ COMMITTED, the second read sees that commit.)
  const auto rows = database_.Query(
      "SELECT " + std::string(kJobColumns) + " FROM import_jobs WHERE id = $1", {job.id});
  if (!rows.empty()) {
    job = ReadJob(rows[0]);
  }
  if (job.status == "running") {
    job.status = "interrupted";
  }
}

std::optional<ImportJobRepository::Job> ImportJobRepository::Get(std::int64_t id) {
  const auto rows = database_.Query(
      "SELECT " + std::string(kJobColumns) + " FROM import_jobs WHERE id = $1", {id});
  if (rows.empty()) {
    return std::nullopt;
  }
  Job job = ReadJob(rows[0]);
  Settle(job);
  return job;
}

std::vector<ImportJobRepository::Job> ImportJobRepository::Recent(const std::string& created_by,
                                                                  std::int64_t limit) {
  std::vector<Job> jobs;
  const auto rows =
      created_by.empty()
          ? database_.Query("SELECT " + std::string(kJobColumns) +
                                " FROM import_jobs ORDER BY id DESC LIMIT $1",
                            {limit})
          : database_.Query("SELECT " + std::string(kJobColumns) +
                                " FROM import_jobs WHERE created_by = $1 ORDER BY id DESC LIMIT $2",
                            {created_by, limit});
  for (const RowView row : rows) {
    jobs.push_back(ReadJob(row));
    Settle(jobs.back());
  }
  return jobs;
}

}  // namespace shuanglian::store
