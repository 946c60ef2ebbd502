#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/unwritten_reads.h"
#include "ingest/import_runner.h"
#include "store/audit_log.h"

namespace shuanglian::api {

struct ServerState;

// Reads of unmasked personal data are audited without making every read a write: entries
// queue here and a thread of its own appends them to the chained log in small batches, at
// the latest 200 ms after the read. Changes are audited in their own transaction instead.
// Its connection is a request's (ServerState::open_request_database): a database that stops
// answering costs a flush one deadline, so a stopping server is never held by it. What it
// cannot write by then is kept for the next server (api/unwritten_reads.h).
class AuditReadQueue {
 public:
  explicit AuditReadQueue(ServerState& state);
  ~AuditReadQueue();  // Stop()
  void Record(store::AuditEntry entry);
  // Flushes what is queued, trying once more if the last flush failed, and ends the thread.
  void Stop();

 private:
  void Run();
  // On the queue's thread only: it alone uses the connection.
  void Flush();

  // Entries that cannot be written as the server stops go to the work directory, for the
  // next server to write (api/unwritten_reads.h).
  void SaveForTheNextServer();

  ServerState& state_;
  std::unique_ptr<store::Database> database_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<store::AuditEntry> pending_;
  // Files of earlier stops whose entries are in pending_: removed once those are written.
  std::vector<std::unique_ptr<ClaimedFile>> claimed_files_;
  bool stopping_ = false;
  std::thread thread_;
};

// Imports uploaded through the server, each on a thread and a connection of its own.
class ImportJobs {
 public:
  explicit ImportJobs(ServerState& state) : state_(state) {}
  ~ImportJobs();  // waits for running imports

  // Asks the running imports to stop before their next chunk of rows (their jobs then read
  // "interrupted"; committed batches stay) and waits up to `grace` for them to end: whether
  // they all did. One waiting on the database may not: the process can end without it, as
  // its open batch is then rolled back by the database and its job reads "interrupted".
  bool Stop(std::chrono::milliseconds grace);

  struct Progress {
    std::int64_t job = 0;
    double fraction = 0;
    std::int64_t rows = 0;
    bool finished = false;
    std::string error;  // the file could not be read, or the import failed
  };

  // Starts an import of `path` (removed afterwards) and waits until it has a job number,
  // or throws ApiError when the file cannot be read at all.
  std::int64_t Start(ingest::ImportOptions options, const std::string& created_by);
  std::optional<Progress> Find(std::int64_t job);

 private:
  ServerState& state_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::map<std::int64_t, Progress> progress_;
  int running_ = 0;
  std::atomic<bool> stopping_ = false;
};

}  // namespace shuanglian::api
