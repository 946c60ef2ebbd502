#include "store/import_job_repository.h"

namespace shuanglian::store {

std::int64_t ImportJobRepository::Start(const std::string& kind, const std::string& file_name,
                                        const std::string& now) {
  Transaction transaction(database_);
  const auto rows = database_.Query(
      "INSERT INTO import_jobs (kind, file_name, status, started_at) VALUES ($1, $2, 'running', $3) "
      "RETURNING id",
      {kind, file_name, now});
  transaction.Commit();
  return rows[0].Int(0);
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

}  // namespace shuanglian::store
