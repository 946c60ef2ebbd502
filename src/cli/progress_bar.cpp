#include "cli/progress_bar.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>

namespace shuanglian::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  Done();
}

void ProgressBar::Update(double fraction, std::int64_t rows) {
  if (!enabled_) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && fraction < 1.0) {
    return;
  }
  last_ = now;
  drawn_ = true;
  fraction = std::clamp(fraction, 0.0, 1.0);
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  fmt::print(stderr, "\r{} [{}{}] {:3.0f}%  {} 行  {:.0f} 行/秒 ", label_, std::string(filled, '#'),
             std::string(kWidth - filled, '.'), fraction * 100, rows,
             seconds > 0 ? static_cast<double>(rows) / seconds : 0.0);
}

void ProgressBar::Done() {
  if (drawn_) {
    fmt::print(stderr, "\n");
    drawn_ = false;
  }
}

}  // namespace shuanglian::cli
