#include "cli/command.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "store/audit_log.h"

namespace shuanglian::cli {

namespace {

// China has kept UTC+8 without daylight saving since 1991.
constexpr auto kShanghaiOffset = std::chrono::hours(8);

}  // namespace

void AddDatabaseOption(CLI::App& command, std::string& target) {
  target = "shuanglian.db";
  command.add_option("--db", target, "数据库：SQLite 文件路径或 postgresql:// 地址")
      ->capture_default_str();
}

void RequireExistingDatabase(const std::string& target, const std::string& what) {
  if (store::IsPostgresUrl(target)) {
    return;
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(target, error)) {
    throw UsageError(what + "不存在：" + target);
  }
}

void RequireDistinctDatabases(const std::string& one, const std::string& other,
                              const std::string& named) {
  std::error_code error;
  if (one == other || (!store::IsPostgresUrl(one) && !store::IsPostgresUrl(other) &&
                       std::filesystem::equivalent(one, other, error))) {
    throw UsageError(named + " 不能是同一个数据库");
  }
}

std::unique_ptr<store::Database> OpenForCommand(const std::string& target) {
  if (target.empty()) {
    throw UsageError("--db 不能为空");
  }
  return store::OpenDatabase(target);
}

core::Date Today() {
  if (const char* fixed = std::getenv("SHUANGLIAN_TODAY"); fixed && *fixed) {
    if (const auto date = core::ParseDate(fixed)) {
      return *date;
    }
    throw UsageError(std::string("环境变量 SHUANGLIAN_TODAY 不是日期：") + fixed);
  }
  const auto now = std::chrono::system_clock::now() + kShanghaiOffset;
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return core::Date::FromDaysSinceEpoch(days);
}

core::Date AsOfOrToday(const std::string& as_of) {
  if (as_of.empty()) {
    return Today();
  }
  const auto date = core::ParseDate(as_of);
  if (!date) {
    throw UsageError("--as-of " + as_of + "：日期应写成 YYYY-MM-DD");
  }
  return *date;
}

void AuditCommand(store::Database& database, const std::string& action, const std::string& entity,
                  const std::string& key, std::optional<std::string> after_json) {
  store::AuditEntry entry;
  entry.at = NowIso();
  entry.username = "(命令行)";
  entry.action = action;
  entry.entity = entity;
  entry.entity_key = key;
  entry.after_json = std::move(after_json);
  store::AuditLog(database).Append(entry);
}

std::string NowIso() {
  const auto now = std::chrono::system_clock::now() + kShanghaiOffset;
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const core::Date date = core::Date::FromDaysSinceEpoch(days.time_since_epoch().count());
  const auto time_of_day = std::chrono::hh_mm_ss(seconds - days);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+08:00", date.ToIso().c_str(),
                static_cast<int>(time_of_day.hours().count()),
                static_cast<int>(time_of_day.minutes().count()),
                static_cast<int>(time_of_day.seconds().count()));
  return buffer;
}

}  // namespace shuanglian::cli
