#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "api/api.h"
#include "api/background.h"
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
  int db_timeout = 30;  // seconds
};

// How long a stopping server waits for its imports to reach the end of a chunk of rows.
constexpr std::chrono::seconds kImportStopGrace(10);

std::int64_t UnixTime() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int RunServe(const ServeOptions& options) {
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
  state.photo_directory =
      !options.photos.empty() ? options.photos : store::DefaultPhotoDirectory(options.db);
  for (const std::string& directory : {state.work_directory, state.photo_directory}) {
    std::error_code directory_error;
    std::filesystem::create_directories(directory, directory_error);
    if (directory_error) {
      throw UsageError("无法创建目录 " + directory + "：" + directory_error.message());
    }
  }
  database.reset();

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
  command->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return RunServe(*options); }; });
}

}  // namespace shuanglian::cli
