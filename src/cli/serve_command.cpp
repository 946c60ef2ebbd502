#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "api/api.h"
#include "api/background.h"
#include "api/backup_handler.h"
#include "api/backup_schedule.h"
#include "cli/command.h"
#include "http/server.h"
#include "store/photo_files.h"
#include "store/reference_data.h"
#include "store/user_repository.h"

#ifndef SHUANGLIAN_WEB_DIR
#define SHUANGLIAN_WEB_DIR ""
#endif

namespace shuanglian::cli {

namespace {

struct ServeOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string web = SHUANGLIAN_WEB_DIR;
  std::string work_dir;
  std::string photos;
  std::size_t threads = 0;
  int db_timeout = 30;       // seconds
  int request_timeout = 30;  // seconds
  std::string backup_every = "24h";
  std::string backup_dir;
  int backup_keep = 7;
};

// "24h", "30m", "45s" or "0" (never): the interval of the server's own backups.
std::chrono::seconds BackupInterval(const std::string& text) {
  static constexpr std::pair<char, int> kUnits[] = {{'h', 3600}, {'m', 60}, {'s', 1}};
  if (text == "0") {
    return std::chrono::seconds(0);
  }
  for (const auto& [unit, seconds] : kUnits) {
    if (text.size() >= 2 && text.back() == unit &&
        text.find_first_not_of("0123456789") == text.size() - 1 && text.size() <= 7) {
      const long count = std::stol(text.substr(0, text.size() - 1));
      if (count > 0) {
        return std::chrono::seconds(count * seconds);
      }
    }
  }
  throw UsageError("--backup-every 应写成 24h、30m、90s 这样的时长，或 0（不自动备份），收到 " +
                   text);
}

// The server's own backups of an SQLite file (docs/backup.md); none on PostgreSQL, whose
// server is backed up by its own tools. Checked before the database is opened.
std::optional<api::BackupPlan> PlanBackups(const ServeOptions& options, const CLI::App& command) {
  const bool asked = command.count("--backup-every") > 0 || command.count("--backup-dir") > 0 ||
                     command.count("--backup-keep") > 0;
  if (store::IsPostgresUrl(options.db)) {
    if (asked) {
      throw UsageError(
          "--backup-every、--backup-dir、--backup-keep 只用于 SQLite 数据库文件；PostgreSQL "
          "用 pg_dump 等工具备份（见 docs/backup.md）");
    }
    return std::nullopt;
  }
  const std::chrono::seconds every = BackupInterval(options.backup_every);
  if (options.backup_keep < 1 || options.backup_keep > 1000) {
    throw UsageError("--backup-keep 应为 1 到 1000 之间的份数，收到 " +
                     std::to_string(options.backup_keep));
  }
  if (every.count() == 0) {
    return std::nullopt;
  }
  api::BackupPlan plan;
  plan.db = options.db;
  plan.directory = options.backup_dir.empty() ? options.db + ".backups" : options.backup_dir;
  plan.every = every;
  plan.keep = options.backup_keep;
  return plan;
}

// How long a stopping server waits for its imports to reach the end of a chunk of rows.
constexpr std::chrono::seconds kImportStopGrace(10);

std::int64_t UnixTime() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int RunServe(const ServeOptions& options, const CLI::App& command) {
  const auto colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    throw UsageError("--listen 应写成 地址:端口，如 127.0.0.1:8080");
  }
  http::ServerOptions server;
  server.address = options.listen.substr(0, colon);
  try {
    const int port = std::stoi(options.listen.substr(colon + 1));
    if (port < 0 || port > 65535) {
      throw std::out_of_range("port");
    }
    server.port = static_cast<unsigned short>(port);
  } catch (const std::exception&) {
    throw UsageError("--listen 的端口无效：" + options.listen);
  }
  if (options.db_timeout < 1 || options.db_timeout > 3600) {
    throw UsageError("--db-timeout 应为 1 到 3600 之间的秒数，收到 " +
                     std::to_string(options.db_timeout));
  }
  const std::optional<api::BackupPlan> backup_plan = PlanBackups(options, command);
  if (options.request_timeout < 1 || options.request_timeout > 3600) {
    throw UsageError("--request-timeout 应为 1 到 3600 之间的秒数，收到 " +
                     std::to_string(options.request_timeout));
  }
  server.request_timeout = std::chrono::seconds(options.request_timeout);
  server.web_root = options.web;
  server.threads =
      options.threads > 0 ? options.threads : std::max(4u, 2 * std::thread::hardware_concurrency());

  auto database = OpenForCommand(options.db);
  api::ServerState state;
  state.dictionaries = store::LoadDictionaries(*database);
  state.roles = store::UserRepository(*database).Roles();
  const std::string target = options.db;
  state.open_database = [target] { return store::OpenDatabase(target); };
  const std::chrono::seconds deadline(options.db_timeout);
  state.open_request_database = [target, deadline] {
    return store::OpenRequestDatabase(target, deadline);
  };
  // Names this database's files in the work directory: its server and name on PostgreSQL (not
  // the URL, whose password or options may change), the file itself for SQLite.
  state.database_key = store::IsPostgresUrl(target)
                           ? database->Describe()
                           : "SQLite " + std::filesystem::weakly_canonical(target).string();
  state.today = [] { return Today(); };
  state.now = [] { return NowIso(); };
  state.unix_time = UnixTime;
  // Uploads and error reports live beside an SQLite file, or in the temporary folder.
  state.work_directory =
      !options.work_dir.empty() ? options.work_dir
      : store::IsPostgresUrl(options.db)
          ? (std::filesystem::temp_directory_path() / "shuanglian-server").string()
          : options.db + ".files";
  // Photos are kept, unlike the work files: beside an SQLite file, or where --photos says.
  state.photo_directory = store::PhotoDirectory(options.photos, options.db);
  for (const std::string& directory : {state.work_directory, state.photo_directory}) {
    std::error_code directory_error;
    std::filesystem::create_directories(directory, directory_error);
    if (directory_error) {
      throw UsageError("无法创建目录 " + directory + "：" + directory_error.message());
    }
  }
  // An SQLite file stays open while the server runs, from before its first request: a
  // restore, which must have the file to itself, is refused meanwhile (store::Restore). A
  // server's database is not held by this connection.
  if (store::IsPostgresUrl(options.db)) {
    database.reset();
  } else {
    api::RemoveLeftoverDownloads(state.work_directory);
  }
  const std::unique_ptr<api::BackupSchedule> backups =
      backup_plan ? std::make_unique<api::BackupSchedule>(*backup_plan, [] { return NowIso(); })
                  : nullptr;

  api::AuditReadQueue audit_reads(state);
  api::ImportJobs imports(state);
  state.audit_reads = &audit_reads;
  state.imports = &imports;
  api::Api handler(state);
  const bool has_web =
      !server.web_root.empty() && std::filesystem::exists(server.web_root + "/index.html");
  try {
    http::RunServer(server, handler, state, [&](unsigned short port) {
      fmt::print("双联帮扶管理系统已启动：http://{}:{}/  （API: /api/v1，健康检查: /healthz）\n",
                 server.address, port);
      if (!has_web) {
        fmt::print("提示：未找到网页文件 {}/index.html，只提供 API（先运行 make 构建 web/）\n",
                   server.web_root);
      }
      if (backup_plan) {
        fmt::print("自动备份：每 {} 一份，保留最近 {} 份，在 {}（--backup-every 0 关闭）\n",
                   options.backup_every, backup_plan->keep, backup_plan->directory);
      }
      fmt::print("按 Ctrl+C 停止。\n");
      std::fflush(stdout);
    });
  } catch (const boost::system::system_error& error) {
    throw UsageError("无法在 " + options.listen + " 监听：" + error.code().message());
  }
  // Imports are asked to stop and given a little while; one that has not stopped by then
  // (waiting on the database, or in a first load's index builds, which it does not break off)
  // is left: the process ends, the database rolls back what it had not committed, and its job
  // reads "interrupted" (its mark ends with the process).
  const bool imports_ended = imports.Stop(kImportStopGrace);
  audit_reads.Stop();
  if (backups) {
    backups->Stop();
  }
  if (!imports_ended) {
    fmt::print(stderr,
               "仍有导入未能在 {} 秒内停下（在等数据库，或在建索引），不再等它：它未提交的部分由"
               "数据库撤销，任务显示为“已中断”。\n",
               kImportStopGrace.count());
  }
  fmt::print("服务已停止。\n");
  if (!imports_ended) {
    // Not returned from: the import's thread still uses what this function holds.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(kExitOk);
  }
  return kExitOk;
}

}  // namespace

void AddServeCommand(CommandRegistry registry) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command =
      registry.app.add_subcommand("serve", "启动网络服务：JSON API（/api/v1）和网页");
  AddDatabaseOption(*command, options->db);
  command->add_option("--listen", options->listen, "监听地址:端口")->capture_default_str();
  command->add_option("--web", options->web, "网页文件目录（web/dist）")->capture_default_str();
  command->add_option("--work-dir", options->work_dir, "上传文件和错误报告的存放目录");
  command->add_option(
      "--photos", options->photos,
      "走访照片的存放目录（默认：SQLite 文件旁的 .photos；PostgreSQL 时为 ./shuanglian-photos）");
  command->add_option("--threads", options->threads, "工作线程数（默认：CPU 核数×2，至少4）");
  command
      ->add_option("--db-timeout", options->db_timeout,
                   "请求等待数据库服务器答复的最长秒数，超时答复 503 并断开该连接（PostgreSQL）")
      ->capture_default_str();
  command
      ->add_option("--request-timeout", options->request_timeout,
                   "客户端须在多少秒内发完一个请求；答复只要还在前进就不限时，停顿超过 30 "
                   "秒（或本值）才断开")
      ->capture_default_str();
  command
      ->add_option("--backup-every", options->backup_every,
                   "SQLite 数据库自动备份的间隔（如 24h、6h、30m；0 为不自动备份）")
      ->capture_default_str();
  command->add_option("--backup-dir", options->backup_dir,
                      "自动备份的存放目录（默认：数据库文件旁的 .backups）");
  command->add_option("--backup-keep", options->backup_keep, "自动备份保留最近几份")
      ->capture_default_str();
  command->callback([options, command, &chosen = registry.chosen] {
    chosen = [options, command] { return RunServe(*options, *command); };
  });
}

}  // namespace shuanglian::cli
