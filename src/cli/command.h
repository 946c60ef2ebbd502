#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/date.h"
#include "store/database.h"

namespace shuanglian::cli {

// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitUnusable = 2;  // bad arguments, unreadable file, unreachable database
inline constexpr int kExitRejected = 3;  // the command ran, some rows were refused

// A wrong argument, found after parsing (a region that does not exist, a bad combination).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The command chosen on the command line, run by main inside its error handler.
using CommandRun = std::function<int()>;

// Each command file adds its subcommand and, when chosen, sets `chosen`.
struct CommandRegistry {
  CLI::App& app;
  CommandRun& chosen;
};

// The --db option every command takes.
void AddDatabaseOption(CLI::App& command, std::string& target);

// A database named to be read must be there: an SQLite path that does not exist would be
// created, empty, and a typo taken for a database with nothing in it. A URL passes.
// `what` names it in the message ("源数据库文件").
void RequireExistingDatabase(const std::string& target, const std::string& what);

// Two databases named for one copy must differ; `named` says by what ("--from 与 --to").
void RequireDistinctDatabases(const std::string& one, const std::string& other,
                              const std::string& named);

// Opens and migrates the database named by --db.
std::unique_ptr<store::Database> OpenForCommand(const std::string& target);

// Today in the business time zone (Asia/Shanghai), or $SHUANGLIAN_TODAY (YYYY-MM-DD) so that
// tests and demos are reproducible.
core::Date Today();
// The day of --as-of (YYYY-MM-DD), or Today() when it is empty; UsageError when it is not
// a date.
core::Date AsOfOrToday(const std::string& as_of);
// The current time as ISO 8601 with the +08:00 offset.
std::string NowIso();

// Appends to the audit log, in the caller's transaction, what a command did, as done now by
// "(命令行)": whoever runs a command holds the database itself, not an account.
void AuditCommand(store::Database& database, const std::string& action, const std::string& entity,
                  const std::string& key, std::optional<std::string> after_json = std::nullopt);

void AddMigrateCommand(CommandRegistry registry);
void AddRegionsCommand(CommandRegistry registry);
void AddImportCommand(CommandRegistry registry);
void AddTemplateCommand(CommandRegistry registry);
void AddStatsCommand(CommandRegistry registry);
void AddProfileCommand(CommandRegistry registry);
void AddDemoCommand(CommandRegistry registry);
void AddGenerateCommand(CommandRegistry registry);
void AddDictionaryCommand(CommandRegistry registry);
void AddTransferCommand(CommandRegistry registry);
void AddBackupCommands(CommandRegistry registry);
void AddServeCommand(CommandRegistry registry);
void AddUserCommand(CommandRegistry registry);
void AddAuditCommand(CommandRegistry registry);
void AddPairingCommands(CommandRegistry registry);
void AddFieldworkCommands(CommandRegistry registry);
void AddReportCommand(CommandRegistry registry);

}  // namespace shuanglian::cli
