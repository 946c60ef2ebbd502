#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace shuanglian::cli {

// A progress bar on stderr, drawn only when stderr is a terminal (never into logs or
// pipes), at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  void Update(double fraction, std::int64_t rows);
  void Done();

 private:
  std::string label_;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace shuanglian::cli
