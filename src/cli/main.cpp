#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>

#include "cli/command.h"
#include "ingest/table_reader.h"
#include "store/database.h"

namespace cli = shuanglian::cli;

// Every command runs here, and every failure ends here as one clear message and an exit
// code: 2 for what the user can fix (arguments, files, the database's address), 1 for a bug.
int main(int argc, char** argv) {
  CLI::App app{"双联帮扶管理系统 shuanglian：区划、农户、人口、统计（--help 查看各命令）"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "显示所有命令的帮助");
  cli::CommandRun chosen;
  const cli::CommandRegistry registry{app, chosen};
  cli::AddMigrateCommand(registry);
  cli::AddDictionaryCommand(registry);
  cli::AddRegionsCommand(registry);
  cli::AddImportCommand(registry);
  cli::AddTemplateCommand(registry);
  cli::AddStatsCommand(registry);
  cli::AddProfileCommand(registry);
  cli::AddDemoCommand(registry);
  cli::AddGenerateCommand(registry);
  cli::AddTransferCommand(registry);
  cli::AddBackupCommands(registry);
  cli::AddServeCommand(registry);
  cli::AddUserCommand(registry);
  cli::AddAuditCommand(registry);
  cli::AddPairingCommands(registry);
  cli::AddFieldworkCommands(registry);
  cli::AddReportCommand(registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    fmt::print(stderr, "参数错误：{}\n（用 --help 查看用法）\n", error.what());
    return cli::kExitUnusable;
  }
  try {
    return chosen ? chosen() : cli::kExitOk;
  } catch (const cli::UsageError& error) {
    fmt::print(stderr, "错误：{}\n", error.what());
    return cli::kExitUnusable;
  } catch (const shuanglian::ingest::ReadError& error) {
    fmt::print(stderr, "无法读取文件：{}\n", error.what());
    return cli::kExitUnusable;
  } catch (const shuanglian::ingest::WriteError& error) {
    fmt::print(stderr, "无法写入文件：{}\n", error.what());
    return cli::kExitUnusable;
  } catch (const std::filesystem::filesystem_error& error) {
    fmt::print(stderr, "无法访问文件或目录：{}\n", error.what());
    return cli::kExitUnusable;
  } catch (const shuanglian::store::StoreError& error) {
    fmt::print(stderr, "数据库错误：{}\n", error.what());
    return cli::kExitUnusable;
  } catch (const std::exception& error) {
    fmt::print(stderr, "内部错误：{}\n", error.what());
    return cli::kExitInternal;
  }
}
