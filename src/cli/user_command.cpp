#include <fmt/core.h>

#include <iostream>

#include "api/accounts.h"
#include "api/passwords.h"
#include "api/request.h"
#include "cli/command.h"
#include "store/audit_log.h"
#include "store/pairing_repository.h"
#include "store/user_repository.h"

namespace shuanglian::cli {

namespace {

struct UserOptions {
  std::string db;
  std::string name;
  std::string role;
  std::string region;
  std::int64_t unit = 0;
  std::int64_t helper = 0;
  std::string phone;
  std::string display_name;
  bool password_stdin = false;
};

std::string ReadPassword(bool from_stdin) {
  if (!from_stdin) {
    return {};
  }
  std::string password;
  std::getline(std::cin, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == '\n')) {
    password.pop_back();
  }
  if (password.empty()) {
    throw UsageError("--password-stdin：标准输入中没有密码");
  }
  return password;
}

void AuditAccount(store::Database& database, const std::string& action,
                  const std::string& username) {
  AuditCommand(database, action, "user", username);
}

int AddUser(const UserOptions& options) {
  auto database = OpenForCommand(options.db);
  api::AccountInput input;
  input.username = options.name;
  input.display_name = options.display_name;
  input.role = options.role;
  input.region_code = options.region;
  if (options.unit > 0) {
    input.unit_id = options.unit;
  }
  if (options.helper > 0) {
    input.helper_id = options.helper;
  }
  if (!options.phone.empty()) {
    // A cadre is known by the phone printed on their contact cards.
    const auto helper = store::PairingRepository(*database).HelperByPhone(options.phone);
    if (!helper) {
      throw UsageError("没有电话为 " + options.phone + " 的帮扶人");
    }
    input.helper_id = helper->id;
  }
  input.password = ReadPassword(options.password_stdin);
  store::Transaction transaction(*database);
  api::CreatedAccount created;
  try {
    created =
        api::CreateAccount(*database, store::UserRepository(*database).Roles(), input, NowIso());
  } catch (const api::ApiError& error) {
    throw UsageError(error.what());
  }
  AuditAccount(*database, "create", created.user.username);
  transaction.Commit();
  fmt::print("已创建用户 {}（角色 {}{}）\n", created.user.username, created.user.role,
             created.user.region_code.empty() ? "" : "，区划 " + created.user.region_code);
  if (!created.generated_password.empty()) {
    fmt::print("初始密码（只显示这一次）：{}\n", created.generated_password);
  }
  return kExitOk;
}

int SetPassword(const UserOptions& options) {
  auto database = OpenForCommand(options.db);
  store::UserRepository users(*database);
  const auto user = users.ByName(options.name);
  if (!user) {
    throw UsageError("没有用户“" + options.name + "”");
  }
  std::string password = ReadPassword(options.password_stdin);
  const bool generated = password.empty();
  if (generated) {
    password = api::GeneratePassword();
  } else if (const auto policy = core::CheckPasswordPolicy(password); !policy) {
    throw UsageError(policy.error().message);
  }
  store::Transaction transaction(*database);
  users.SetPassword(user->id, api::HashPassword(password), NowIso());
  users.DeleteSessionsOf(user->id);
  AuditAccount(*database, "reset_password", user->username);
  transaction.Commit();
  fmt::print("已重设用户 {} 的密码，并结束了其所有会话\n", user->username);
  if (generated) {
    fmt::print("新密码（只显示这一次）：{}\n", password);
  }
  return kExitOk;
}

int ListUsers(const UserOptions& options) {
  auto database = OpenForCommand(options.db);
  for (const store::User& user : store::UserRepository(*database).All()) {
    fmt::print("{:<20} {:<12} {:<14} {}\n", user.username, user.role, user.region_code,
               user.disabled ? "（已停用）" : "");
  }
  return kExitOk;
}

}  // namespace

void AddUserCommand(CommandRegistry registry) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* user = registry.app.add_subcommand("user", "用户账号");
  user->require_subcommand(1);
  CLI::App* add =
      user->add_subcommand("add", "新建账号；不给 --password-stdin 时生成密码并只显示一次");
  AddDatabaseOption(*add, options->db);
  add->add_option("name", options->name, "用户名")->required();
  add->add_option("--role", options->role, "角色：admin、office、leader、unit-admin、cadre")
      ->required();
  add->add_option("--region", options->region, "区划代码（office、leader 必填）");
  add->add_option("--unit", options->unit, "单位编号（unit-admin 必填）");
  add->add_option("--helper", options->helper, "帮扶人编号（cadre：看到与此人结对的户）");
  add->add_option("--phone", options->phone, "帮扶人的电话（cadre，代替 --helper）");
  add->add_option("--display-name", options->display_name, "显示的姓名");
  add->add_flag("--password-stdin", options->password_stdin, "从标准输入读取密码");
  CLI::App* password = user->add_subcommand("password", "重设密码（生成新密码或从标准输入读取）");
  AddDatabaseOption(*password, options->db);
  password->add_option("name", options->name, "用户名")->required();
  password->add_flag("--password-stdin", options->password_stdin, "从标准输入读取密码");
  CLI::App* list = user->add_subcommand("list", "列出账号");
  AddDatabaseOption(*list, options->db);
  add->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return AddUser(*options); }; });
  password->callback([options, &chosen = registry.chosen] {
    chosen = [options] { return SetPassword(*options); };
  });
  list->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return ListUsers(*options); }; });
}

void AddAuditCommand(CommandRegistry registry) {
  auto target = std::make_shared<std::string>();
  CLI::App* audit = registry.app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  CLI::App* verify =
      audit->add_subcommand("verify", "核对审计日志的哈希链：找出事后被改动或删除的记录");
  AddDatabaseOption(*verify, *target);
  verify->callback([target, &chosen = registry.chosen] {
    chosen = [target] {
      auto database = OpenForCommand(*target);
      const store::AuditVerification result = store::AuditLog(*database).Verify();
      if (result.broken_at) {
        fmt::print("审计日志已被篡改：{}（共 {} 条）\n", result.problem, result.rows);
        return kExitRejected;
      }
      fmt::print(
          "审计日志完好：{} 条记录，链尾哈希 "
          "{}\n（请记下链尾哈希：末尾记录若被删除，只有与它对照才能发现）\n",
          result.rows, result.head_hash);
      return kExitOk;
    };
  });
}

}  // namespace shuanglian::cli
