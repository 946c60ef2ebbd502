#include "api/metrics.h"

#include <fmt/format.h>

namespace shuanglian::api {

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double seconds, double database_seconds) {
  std::lock_guard lock(mutex_);
  const auto key = std::make_tuple(std::string_view(method), std::string_view(route), status);
  if (const auto found = requests_.find(key); found != requests_.end()) {
    ++found->second;
  } else {
    requests_.emplace(std::make_tuple(method, route, status), 1);
  }
  for (std::size_t index = 0; index < kBuckets.size(); ++index) {
    if (seconds <= kBuckets[index]) {
      ++bucket_counts_[index];
    }
  }
  ++count_;
  sum_ += seconds;
  if (status >= 500) {
    ++errors_;
  }
  database_seconds_ += database_seconds;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP shuanglian_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE shuanglian_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format(
        "shuanglian_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
        route, status, count);
  }
  out +=
      "# HELP shuanglian_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE shuanglian_http_request_duration_seconds histogram\n";
  for (std::size_t index = 0; index < kBuckets.size(); ++index) {
    out += fmt::format("shuanglian_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       kBuckets[index], bucket_counts_[index]);
  }
  out += fmt::format("shuanglian_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count_);
  out += fmt::format("shuanglian_http_request_duration_seconds_sum {}\n", sum_);
  out += fmt::format("shuanglian_http_request_duration_seconds_count {}\n", count_);
  out += "# HELP shuanglian_http_errors_total Responses with a 5xx status.\n";
  out += "# TYPE shuanglian_http_errors_total counter\n";
  out += fmt::format("shuanglian_http_errors_total {}\n", errors_);
  out +=
      "# HELP shuanglian_database_seconds_total Time spent in database calls while answering "
      "requests.\n";
  out += "# TYPE shuanglian_database_seconds_total counter\n";
  out += fmt::format("shuanglian_database_seconds_total {}\n", database_seconds_);
  return out;
}

}  // namespace shuanglian::api
