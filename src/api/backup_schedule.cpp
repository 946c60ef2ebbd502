#include "api/backup_schedule.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <vector>

#include "core/date.h"
#include "store/backup.h"
#include "store/database.h"

namespace shuanglian::api {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPrefix = "shuanglian-";
constexpr const char* kSuffix = ".db";
// A copy that failed (a full disk, a file held by a first load) is tried again this soon.
constexpr std::chrono::minutes kRetry(10);

// The files of a directory whose names `wanted` takes, in name order.
std::vector<std::string> FilesNamed(const std::string& directory,
                                    const std::function<bool(const std::string&)>& wanted) {
  std::vector<std::string> files;
  std::error_code error;
  for (fs::directory_iterator entry(directory, error), end; !error && entry != end;
       entry.increment(error)) {
    if (wanted(entry->path().filename().string()) && entry->is_regular_file(error)) {
      files.push_back(entry->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The copies of a plan's directory, oldest first: their names ("shuanglian-*.db") carry the
// time they were made.
std::vector<std::string> ScheduledCopies(const std::string& directory) {
  return FilesNamed(directory, [](const std::string& name) {
    return name.starts_with(kPrefix) && name.ends_with(kSuffix);
  });
}

// Copies a killed server left half made: the name they were to have is never given.
void RemoveUnfinished(const std::string& directory) {
  for (const std::string& unfinished : FilesNamed(directory, [](const std::string& name) {
         return name.starts_with(kPrefix) && name.ends_with(".partial");
       })) {
    std::error_code ignored;
    fs::remove(unfinished, ignored);
  }
}

}  // namespace

BackupSchedule::BackupSchedule(BackupPlan plan, std::function<std::string()> now)
    : plan_(std::move(plan)), now_(std::move(now)), thread_([this] { Run(); }) {}

BackupSchedule::~BackupSchedule() {
  Stop();
}

void BackupSchedule::Stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

std::chrono::system_clock::time_point BackupSchedule::NextDue() const {
  // `every` after the newest copy made so far, by the files' times. Copies dated in the
  // future (the clock went back: a laptop's flat battery) do not count: with only such
  // copies, one is due now rather than when the clock catches up.
  const auto now = std::chrono::system_clock::now();
  std::optional<std::chrono::system_clock::time_point> newest;
  for (const std::string& copy : ScheduledCopies(plan_.directory)) {
    std::error_code error;
    const auto written = fs::last_write_time(copy, error);
    if (error) {
      continue;
    }
    const auto made = std::chrono::file_clock::to_sys(written);
    if (made <= now && (!newest || made > *newest)) {
      newest = made;
    }
  }
  return newest ? *newest + plan_.every : now;
}

void BackupSchedule::Run() {
  RemoveUnfinished(plan_.directory);
  auto due = NextDue();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (wake_.wait_until(lock, due, [this] { return stopping_; })) {
      return;
    }
    lock.unlock();
    const bool made = BackUp();
    lock.lock();
    due = std::chrono::system_clock::now() +
          (made ? std::chrono::duration_cast<std::chrono::system_clock::duration>(plan_.every)
                : std::chrono::duration_cast<std::chrono::system_clock::duration>(
                      std::min<std::chrono::seconds>(plan_.every, kRetry)));
  }
}

bool BackupSchedule::BackUp() {
  const std::string path =
      (fs::path(plan_.directory) / (kPrefix + core::FileNameStamp(now_()) + kSuffix)).string();
  try {
    fs::create_directories(plan_.directory);
    // A connection of its own, opened for the copy: the server's are its workers'.
    const std::unique_ptr<store::Database> database = store::OpenUnmigrated(plan_.db);
    const store::BackupOutcome outcome = store::Backup(*database, path);
    if (!outcome.kept) {
      fmt::print(stderr, "自动备份核对不一致，没有保留：{}\n", path);
      return false;
    }
  } catch (const std::exception& error) {
    fmt::print(stderr, "自动备份失败（{} 分钟后再试）：{}\n", kRetry.count(), error.what());
    return false;
  }
  // Only once the new copy has checked out: the oldest beyond `keep` go, by their names, and
  // never the one just made (after the clock went back its name is the earliest).
  std::vector<std::string> others = ScheduledCopies(plan_.directory);
  std::erase(others, path);
  const auto surplus = static_cast<std::ptrdiff_t>(others.size()) + 1 - plan_.keep;
  for (std::ptrdiff_t index = 0; index < surplus; ++index) {
    std::error_code ignored;
    fs::remove(others[static_cast<std::size_t>(index)], ignored);
  }
  fmt::print("自动备份：{}\n", path);
  std::fflush(stdout);
  return true;
}

}  // namespace shuanglian::api
