#pragma once

#include <chrono>
#include <memory>

#include "store/database.h"

namespace shuanglian::store {

// A Database that forwards every call to another and adds up the time spent in it, for the
// server's "database time" metric.
class TimedDatabase final : public Database {
 public:
  explicit TimedDatabase(std::unique_ptr<Database> inner) : inner_(std::move(inner)) {}

  double TakeSeconds() {
    const double seconds = seconds_;
    seconds_ = 0;
    return seconds;
  }
  Database& inner() { return *inner_; }

  Backend backend() const override { return inner_->backend(); }
  std::string Describe() const override { return inner_->Describe(); }
  std::string FilePath() const override { return inner_->FilePath(); }
  void Execute(std::string_view sql, Params params) override {
    Timer timer(seconds_);
    inner_->Execute(sql, params);
  }
  ResultSet Query(std::string_view sql, Params params) override {
    Timer timer(seconds_);
    return inner_->Query(sql, params);
  }
  void ForEachRow(std::string_view sql, Params params,
                  const std::function<void(const RowView&)>& visit) override {
    Timer timer(seconds_);
    inner_->ForEachRow(sql, params, visit);
  }
  std::unique_ptr<Statement> Prepare(std::string_view sql) override { return inner_->Prepare(sql); }
  void ExecuteScript(std::string_view sql) override {
    Timer timer(seconds_);
    inner_->ExecuteScript(sql);
  }
  std::unique_ptr<BulkWriter> BulkInsert(std::string_view table,
                                         const std::vector<std::string>& columns) override {
    return inner_->BulkInsert(table, columns);
  }
  std::unique_ptr<BulkWriter> BulkInsertFrozen(std::string_view table,
                                               const std::vector<std::string>& columns) override {
    return inner_->BulkInsertFrozen(table, columns);
  }
  std::vector<bool> InsertNew(std::string_view table, const std::vector<std::string>& columns,
                              std::size_t key_column,
                              std::span<const std::vector<Param>> rows) override {
    Timer timer(seconds_);
    return inner_->InsertNew(table, columns, key_column, rows);
  }
  void Begin() override {
    Timer timer(seconds_);
    inner_->Begin();
  }
  void BeginReadSnapshot() override {
    Timer timer(seconds_);
    inner_->BeginReadSnapshot();
  }
  void Commit() override {
    Timer timer(seconds_);
    inner_->Commit();
  }
  void Rollback() override { inner_->Rollback(); }
  bool InTransaction() const override { return inner_->InTransaction(); }
  void OpenSavepoint() override { inner_->OpenSavepoint(); }
  void RollbackToSavepoint() override { inner_->RollbackToSavepoint(); }
  void ReleaseSavepoint() override { inner_->ReleaseSavepoint(); }
  void TuneForBulkLoad() override { inner_->TuneForBulkLoad(); }
  void TuneForRequests(std::chrono::milliseconds answer_deadline) override {
    inner_->TuneForRequests(answer_deadline);
  }
  std::unique_ptr<ScopedSetting> LimitCache(std::size_t bytes) override {
    return inner_->LimitCache(bytes);
  }
  std::unique_ptr<ScopedSetting> TuneForIndexBuilds() override {
    return inner_->TuneForIndexBuilds();
  }
  void CopyFileTo(const std::string& path) override {
    Timer timer(seconds_);
    inner_->CopyFileTo(path);
  }
  void HoldAlone() override { inner_->HoldAlone(); }
  void ReplaceFileFrom(const std::string& path) override {
    Timer timer(seconds_);
    inner_->ReplaceFileFrom(path);
  }
  bool Healthy() const override { return inner_->Healthy(); }
  bool GaveUpWaiting() const override { return inner_->GaveUpWaiting(); }
  std::optional<std::uint64_t> DataGeneration() override {
    Timer timer(seconds_);
    return inner_->DataGeneration();
  }

 private:
  struct Timer {
    explicit Timer(double& total) : total_(total), start_(std::chrono::steady_clock::now()) {}
    ~Timer() {
      total_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    double& total_;
    std::chrono::steady_clock::time_point start_;
  };

  std::unique_ptr<Database> inner_;
  double seconds_ = 0;
};

}  // namespace shuanglian::store
