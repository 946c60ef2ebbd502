#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace shuanglian::api {

// What the server backs up by itself, and how often (serve --backup-every, docs/backup.md).
struct BackupPlan {
  std::string db;         // an SQLite file
  std::string directory;  // where the copies go: FILE.backups by default
  std::chrono::seconds every{24 * 3600};
  int keep = 7;  // the newest copies kept; older ones are removed after a new one checks out
};

// A township's server on a laptop backs its database up by itself, so that a wrong import
// or a deleted file has a way back even where nobody set up cron: a checked copy
// (store::Backup) on a thread and a connection of its own, while the server goes on. The
// cadence is kept across restarts: a copy is made when the newest one in the directory is
// `every` old (at once when there is none), not at every start, so that restarts do not
// push last week's copies out. A copy that fails is said on stderr and tried again within
// ten minutes; the server goes on either way.
class BackupSchedule {
 public:
  // Starts the thread. `now` gives the time for the copies' names (ISO 8601, +08:00).
  BackupSchedule(BackupPlan plan, std::function<std::string()> now);
  ~BackupSchedule();  // Stop()
  BackupSchedule(const BackupSchedule&) = delete;
  BackupSchedule& operator=(const BackupSchedule&) = delete;

  // Ends the thread; a copy being made is finished first (or removed, if it fails).
  void Stop();

 private:
  void Run();
  // One checked copy and the removal of the oldest beyond `keep`; false when it failed.
  bool BackUp();
  // When the next copy is due: `every` after the newest copy in the directory.
  std::chrono::system_clock::time_point NextDue() const;

  BackupPlan plan_;
  std::function<std::string()> now_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shuanglian::api
