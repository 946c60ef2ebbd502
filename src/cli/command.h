#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
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

// Opens and migrates the database named by --db.
std::unique_ptr<store::Database> OpenForCommand(const std::string& target);

// Today in the business time zone (Asia/Shanghai), or $SHUANGLIAN_TODAY (YYYY-MM-DD) so that
// tests and demos are reproducible.
core::Date Today();
// The current time as ISO 8601 with the +08:00 offset.
std::string NowIso();

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
void AddServeCommand(CommandRegistry registry);
void AddUserCommand(CommandRegistry registry);
void AddAuditCommand(CommandRegistry registry);
void AddPairingCommands(CommandRegistry registry);
void AddFieldworkCommands(CommandRegistry registry);

}  // namespace shuanglian::cli
