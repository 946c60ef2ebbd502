#include "api/background.h"

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <future>

#include "api/context.h"
#include "api/import_json.h"
#include "api/json_text.h"
#include "api/unwritten_reads.h"
#include "ingest/table_reader.h"
#include "store/import_job_repository.h"

namespace shuanglian::api {

AuditReadQueue::AuditReadQueue(ServerState& state) : state_(state) {
  // What earlier stops of this database's servers could not write goes first.
  ClaimedReads claimed = ClaimUnwrittenReads(state_.work_directory, state_.database_key);
  for (const std::string& problem : claimed.problems) {
    std::fprintf(stderr, "审计日志：%s\n", problem.c_str());
  }
  if (!claimed.entries.empty()) {
    std::fprintf(stderr, "审计日志：补写上次停止时未能写入的 %zu 条读取记录\n",
                 claimed.entries.size());
  }
  pending_ = std::move(claimed.entries);
  claimed_files_ = std::move(claimed.files);
  thread_ = std::thread([this] { Run(); });
}

AuditReadQueue::~AuditReadQueue() {
  Stop();
}

void AuditReadQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void AuditReadQueue::Record(store::AuditEntry entry) {
  std::lock_guard lock(mutex_);
  pending_.push_back(std::move(entry));
  if (pending_.size() >= 500) {
    wake_.notify_all();
  }
}

void AuditReadQueue::Flush() {
  std::vector<store::AuditEntry> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) {
    return;
  }
  try {
    // One connection for the queue's life: opening one checks the schema and the reference
    // data, too much to do five times a second.
    if (!database_ || !database_->Healthy()) {
      database_ = state_.open_request_database();
    }
    store::Transaction transaction(*database_);
    store::AuditLog log(*database_);
    for (const store::AuditEntry& entry : batch) {
      log.Append(entry);
    }
    transaction.Commit();
    // The claimed files' entries were pending before any other: they were in this batch.
    std::vector<std::unique_ptr<ClaimedFile>> written;
    {
      std::lock_guard lock(mutex_);
      written.swap(claimed_files_);
    }
    for (const auto& file : written) {
      file->Remove();
    }
  } catch (...) {
    // Kept for the next flush (a server restarting, a busy file): opened afresh then.
    database_.reset();
    std::lock_guard lock(mutex_);
    pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(batch.end()));
    throw;
  }
}

void AuditReadQueue::Run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, std::chrono::milliseconds(200),
                   [&] { return stopping_ || pending_.size() >= 500; });
    const bool stop = stopping_;
    lock.unlock();
    bool failed = false;
    try {
      Flush();
    } catch (const std::exception& error) {
      // Say so where an operator looks; the entries wait for the next flush.
      std::fprintf(stderr, "审计日志写入失败：%s\n", error.what());
      failed = true;
    }
    lock.lock();
    if (stop && failed && !pending_.empty()) {
      SaveForTheNextServer();
    }
    if (stop && pending_.empty()) {
      return;
    }
  }
}

void AuditReadQueue::SaveForTheNextServer() {
  // Called with mutex_ held, on the queue's thread, as it ends.
  try {
    const std::string file =
        SaveUnwrittenReads(state_.work_directory, state_.database_key, pending_);
    std::fprintf(stderr, "审计日志：%zu 条读取记录未能写入数据库，已暂存在 %s，下次启动时补写\n",
                 pending_.size(), file.c_str());
    // Their entries are in the new file now.
    for (const auto& claimed : claimed_files_) {
      claimed->Remove();
    }
    claimed_files_.clear();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "审计日志：%zu 条读取记录未能写入（%s）\n", pending_.size(), error.what());
  }
  pending_.clear();
}

ImportJobs::~ImportJobs() {
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [&] { return running_ == 0; });
}

bool ImportJobs::Stop(std::chrono::milliseconds grace) {
  stopping_ = true;
  std::unique_lock lock(mutex_);
  return finished_.wait_for(lock, grace, [&] { return running_ == 0; });
}

std::int64_t ImportJobs::Start(ingest::ImportOptions options, const std::string& created_by) {
  auto started = std::make_shared<std::promise<std::int64_t>>();
  auto future = started->get_future();
  const std::string report = options.report_path;
  {
    std::lock_guard lock(mutex_);
    ++running_;
  }
  // Detached: the thread ends by itself, and the destructor waits for the count to fall.
  std::thread([this, options = std::move(options), created_by, report, started]() mutable {
    struct Done {
      ImportJobs& jobs;
      ~Done() {
        std::lock_guard lock(jobs.mutex_);
        --jobs.running_;
        jobs.finished_.notify_all();
      }
    } done{*this};
    std::int64_t job = 0;
    bool announced = false;
    options.on_started = [&](std::int64_t id) {
      job = id;
      {
        std::lock_guard inner(mutex_);
        progress_[id] = Progress{id, 0, 0, false, ""};
      }
      announced = true;
      started->set_value(id);
    };
    options.stop = &stopping_;
    options.progress = [&](double fraction, std::int64_t rows) {
      std::lock_guard inner(mutex_);
      auto& progress = progress_[job];
      progress.fraction = fraction;
      progress.rows = rows;
    };
    std::string error;
    std::string summary_json;
    try {
      auto database = state_.open_database();
      const ingest::ImportSummary summary = ingest::RunImport(*database, options);
      summary_json = ToJsonText(ImportSummaryToJson(summary));
      store::ImportJobRepository(*database).SetDetails(job, created_by, summary_json,
                                                       summary.rejected > 0 ? report : "");
    } catch (const ingest::ReadError& read_error) {
      error = read_error.what();
    } catch (const ingest::ImportStopped& stopped) {
      error = stopped.what();
    } catch (const std::exception& failure) {
      error = std::string("导入失败：") + failure.what();
    }
    if (!error.empty() && announced) {
      // The import marks its job failed itself, on its own connection; when that connection
      // is what failed, the job would stay "running" for good. On a new one, if it can be
      // had (the database may still be away: then the error below is all there is).
      try {
        auto database = state_.open_database();
        store::ImportJobRepository(*database).MarkFailedIfRunning(job, state_.now());
      } catch (const std::exception&) {
      }
    }
    std::filesystem::remove(options.path);
    if (!announced) {
      started->set_exception(std::make_exception_ptr(ApiError(400, "unreadable_file", error)));
      return;
    }
    std::lock_guard inner(mutex_);
    auto& progress = progress_[job];
    progress.finished = true;
    progress.error = error;
    if (error.empty()) {
      progress.fraction = 1;
    }
  }).detach();
  return future.get();
}

std::optional<ImportJobs::Progress> ImportJobs::Find(std::int64_t job) {
  std::lock_guard lock(mutex_);
  const auto found = progress_.find(job);
  if (found == progress_.end()) {
    return std::nullopt;
  }
  return found->second;
}

}  // namespace shuanglian::api
