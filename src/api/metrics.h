#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace shuanglian::api {

// What /metrics reports, in Prometheus text format: requests by method, route and status,
// a latency histogram, server errors, and the time spent in the database.
class Metrics {
 public:
  void Observe(const std::string& method, const std::string& route, int status, double seconds,
               double database_seconds);
  std::string Render() const;

  static constexpr std::array<double, 12> kBuckets = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,   0.2,   0.5,   1.0,  2.0,  5.0};

 private:
  mutable std::mutex mutex_;
  // Transparent, so that counting a request finds its entry without copying the names.
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  std::uint64_t errors_ = 0;
  double database_seconds_ = 0;
};

}  // namespace shuanglian::api
