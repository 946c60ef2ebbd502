#include "http/http_fixture.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace shuanglian::testing {

namespace fs = std::filesystem;

namespace {

// The accounts `shuanglian demo` printed: "  admin   KZPQ2WwEa4VUkQ 系统管理员".
std::map<std::string, std::string> ParseDemoAccounts(const std::string& out) {
  std::map<std::string, std::string> accounts;
  const auto start = out.find("演示账号（密码只显示这一次）");
  if (start == std::string::npos) {
    throw std::runtime_error("demo printed no accounts:\n" + out);
  }
  std::istringstream lines(out.substr(start));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name;
    std::string password;
    if (line.rfind("  ", 0) != 0 || !(words >> name >> password)) {
      break;
    }
    accounts[name] = password;
  }
  return accounts;
}

struct ExtraAccount {
  const char* name;
  std::vector<std::string> assignment;
};

// Builds the demo registry in `directory`: the database, then the extra accounts; returns
// every account's password.
std::map<std::string, std::string> BuildDemo(const std::string& db, const std::string& work_dir) {
  const ProcessResult demo = RunShuanglian({"demo", "--db", db, "--work-dir", work_dir});
  if (demo.exit_code != 0) {
    throw std::runtime_error("shuanglian demo failed: " + demo.Describe());
  }
  std::map<std::string, std::string> accounts = ParseDemoAccounts(demo.out);
  const ExtraAccount extras[] = {
      {kUnpairedCadre, {"--role", "cadre"}},
      {kLockVictim, {"--role", "office", "--region", kGancaodian}},
      {kPasswordChanger, {"--role", "office", "--region", kGancaodian}},
  };
  for (const ExtraAccount& extra : extras) {
    std::vector<std::string> command = {"user", "add", extra.name};
    command.insert(command.end(), extra.assignment.begin(), extra.assignment.end());
    command.insert(command.end(), {"--password-stdin", "--db", db});
    ProcessOptions options;
    options.stdin_text = std::string(kExtraPassword) + "\n";
    const ProcessResult added = RunShuanglian(command, options);
    if (added.exit_code != 0) {
      throw std::runtime_error("user add failed: " + added.Describe());
    }
    accounts[extra.name] = kExtraPassword;
  }
  return accounts;
}

// An exclusive lock on a file, released with the object.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    fd_ = open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0 || flock(fd_, LOCK_EX) != 0) {
      throw std::runtime_error("cannot lock " + path.string());
    }
  }
  ~FileLock() {
    flock(fd_, LOCK_UN);
    close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

// The cached demo registry of this `shuanglian` binary, built on first use. ctest runs each
// test in a process of its own, and the demo takes seconds to build, so the database is
// built once per binary (keyed by its size and time) next to the test programs, under a
// file lock so that parallel tests wait for one build.
fs::path CachedDemo() {
  const fs::path binary(SHUANGLIAN_BINARY);
  const fs::path cache = binary.parent_path() / "tests" / "http-demo-cache";
  fs::create_directories(cache);
  const auto stamp =
      static_cast<unsigned long long>(fs::last_write_time(binary).time_since_epoch().count());
  const std::string key =
      "demo-" + std::to_string(stamp) + "-" + std::to_string(fs::file_size(binary));
  const fs::path entry = cache / key;
  FileLock lock(cache / "lock");
  if (fs::exists(entry / "accounts.txt")) {
    return entry;
  }
  // Another binary's cache is stale now.
  for (const fs::directory_entry& old : fs::directory_iterator(cache)) {
    if (old.path().filename() != "lock") {
      fs::remove_all(old.path());
    }
  }
  const fs::path building = cache / (key + ".building");
  fs::create_directories(building);
  const auto accounts = BuildDemo((building / "demo.db").string(), (building / "work").string());
  fs::remove_all(building / "work");
  {
    std::ofstream out(building / "accounts.txt");
    for (const auto& [name, password] : accounts) {
      out << name << '\t' << password << '\n';
    }
  }
  fs::rename(building, entry);
  return entry;
}

}  // namespace

std::unique_ptr<DemoRegistry> DemoRegistry::Copy() {
  auto registry = std::unique_ptr<DemoRegistry>(new DemoRegistry());
  const fs::path entry = CachedDemo();
  registry->db_ = registry->dir_.File("demo.db");
  for (const fs::directory_entry& file : fs::directory_iterator(entry)) {
    const std::string name = file.path().filename().string();
    if (name.rfind("demo.db", 0) == 0) {
      fs::copy_file(file.path(), registry->dir_.path() / name);
    }
  }
  std::ifstream in(entry / "accounts.txt");
  std::string name;
  std::string password;
  while (in >> name >> password) {
    registry->passwords_[name] = password;
  }
  return registry;
}

std::unique_ptr<DemoRegistry> DemoRegistry::BuildOn(const std::string& target) {
  auto registry = std::unique_ptr<DemoRegistry>(new DemoRegistry());
  registry->db_ = target;
  registry->passwords_ = BuildDemo(target, registry->dir_.File("work"));
  return registry;
}

std::string DemoRegistry::Password(const std::string& username) const {
  const auto found = passwords_.find(username);
  if (found == passwords_.end()) {
    ADD_FAILURE() << "no password for " << username;
    return {};
  }
  return found->second;
}

ServerProcess::ServerProcess(Options options) {
  if (options.web.empty()) {
    options.web = dir_.File("web");
    fs::create_directories(options.web);
  }
  if (options.work_dir.empty()) {
    options.work_dir = dir_.File("work");
  }
  std::string failures;
  // The port was free when chosen; another process may take it before the server binds it.
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = FreePort();
    std::vector<std::string> arguments{
        "serve", "--db",      options.db,   "--listen",      "127.0.0.1:" + std::to_string(port_),
        "--web", options.web, "--work-dir", options.work_dir};
    arguments.insert(arguments.end(), options.arguments.begin(), options.arguments.end());
    if (!options.own_backups && !options.db.starts_with("postgres") &&
        std::find(options.arguments.begin(), options.arguments.end(), "--backup-every") ==
            options.arguments.end()) {
      arguments.insert(arguments.end(), {"--backup-every", "0"});
    }
    child_ = std::make_unique<ChildProcess>(ShuanglianCommand(arguments), ShuanglianOptions());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (child_->Finished()) {
        failures += child_->Wait().Describe() + "\n";
        break;
      }
      HttpRequest health;
      health.target = "/healthz";
      if (HttpSend(port_, health, std::chrono::seconds(2)).status == 200) {
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    child_.reset();
  }
  throw std::runtime_error("shuanglian serve did not start:\n" + failures);
}

ServerProcess::~ServerProcess() {
  if (child_) {
    Stop(std::chrono::seconds(3));
  }
}

pid_t ServerProcess::pid() const {
  return child_ ? child_->pid() : -1;
}

void ServerProcess::Signal(int signal) {
  if (child_) {
    child_->Kill(signal);
  }
}

std::optional<ProcessResult> ServerProcess::WaitForExit(std::chrono::milliseconds wait) {
  if (!child_) {
    return std::nullopt;
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!child_->Finished()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ProcessResult result = child_->Wait();
  child_.reset();
  return result;
}

ProcessResult ServerProcess::Stop(std::chrono::milliseconds wait) {
  Signal(SIGTERM);
  if (auto result = WaitForExit(wait)) {
    return *result;
  }
  Signal(SIGKILL);
  ProcessResult result = child_->Wait();
  child_.reset();
  return result;
}

ApiSession ApiSession::SignIn(unsigned short port, const std::string& username,
                              const std::string& password, Mode mode) {
  ApiSession session(port);
  const HttpResponse response =
      session.Post(mode == Mode::kCookie ? "/auth/login" : "/auth/token",
                   Serialize(boost::json::object{{"username", username}, {"password", password}}));
  if (response.status != 200) {
    ADD_FAILURE() << "sign-in of " << username << " refused: " << response.Describe();
    return session;
  }
  const boost::json::value body = JsonOf(response);
  session.username_ = username;
  session.mode_ = mode;
  if (mode == Mode::kBearer) {
    session.token_ = Text(body, "token");
    return session;
  }
  session.csrf_ = Text(body, "csrf_token");
  for (const std::string& cookie : response.HeaderValues("set-cookie")) {
    if (cookie.rfind("sl_session=", 0) == 0) {
      session.set_cookie_ = cookie;
      session.token_ = cookie.substr(11, cookie.find(';') - 11);
    }
  }
  if (session.token_.empty()) {
    ADD_FAILURE() << "no sl_session cookie: " << response.Describe();
  }
  return session;
}

HttpResponse ApiSession::Send(const std::string& method, const std::string& path,
                              const std::string& body, HttpHeaders headers) const {
  HttpRequest request;
  request.method = method;
  request.target = "/api/v1" + path;
  bool typed = false;
  for (const auto& [name, value] : headers) {
    typed = typed || name == "Content-Type";
  }
  if (!body.empty() && !typed) {
    headers.emplace_back("Content-Type", "application/json");
  }
  if (mode_ == Mode::kBearer) {
    headers.emplace_back("Authorization", "Bearer " + token_);
  } else if (mode_ == Mode::kCookie) {
    headers.emplace_back("Cookie", "sl_session=" + token_);
    if (send_csrf_ && method != "GET" && method != "HEAD") {
      headers.emplace_back("X-CSRF-Token", csrf_);
    }
  }
  request.headers = std::move(headers);
  request.body = body;
  return HttpSend(port_, request);
}

ApiSession ApiSession::WithoutCsrf() const {
  ApiSession copy = *this;
  copy.send_csrf_ = false;
  return copy;
}

ApiSession ApiSession::WithCsrf(std::string token) const {
  ApiSession copy = *this;
  copy.csrf_ = std::move(token);
  return copy;
}

boost::json::value JsonOf(const HttpResponse& response) {
  std::string body = response.body;
  if (response.Header("content-encoding") == "gzip") {
    auto plain = Gunzip(body);
    if (!plain) {
      ADD_FAILURE() << "body is not gzip: " << response.Describe();
      return nullptr;
    }
    body = std::move(*plain);
  }
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(body, error);
  if (error) {
    ADD_FAILURE() << "body is not JSON (" << error.message() << "): " << response.Describe();
    return nullptr;
  }
  return value;
}

std::string Serialize(const boost::json::value& value) {
  return boost::json::serialize(value);
}

::testing::AssertionResult IsError(const HttpResponse& response, int status,
                                   std::string_view code) {
  if (response.status != status) {
    return ::testing::AssertionFailure()
           << "expected status " << status << ", got: " << response.Describe();
  }
  if (response.Header("content-type").rfind("application/json", 0) != 0) {
    return ::testing::AssertionFailure() << "the error is not JSON: " << response.Describe();
  }
  boost::system::error_code parse_error;
  const boost::json::value body = boost::json::parse(response.body, parse_error);
  if (parse_error || !body.is_object() || body.as_object().size() != 1 ||
      !body.as_object().contains("error") || !body.at("error").is_object()) {
    return ::testing::AssertionFailure() << "not the error envelope: " << response.Describe();
  }
  const boost::json::object& error = body.at("error").as_object();
  if (error.size() != 3 || !error.contains("code") || !error.contains("message") ||
      !error.contains("details") || !error.at("code").is_string() ||
      !error.at("message").is_string() || error.at("message").as_string().empty()) {
    return ::testing::AssertionFailure()
           << "the envelope lacks code, message or details: " << response.Describe();
  }
  if (!code.empty() && error.at("code").as_string() != code) {
    return ::testing::AssertionFailure() << "expected code " << code << ": " << response.Describe();
  }
  // Never a stack trace or SQL text.
  for (const char* leak : {"SELECT ", "INSERT ", "UPDATE ", "sqlite", "SQLITE", "postgres",
                           "std::", "what()", "not an object", "Traceback"}) {
    if (response.body.find(leak) != std::string::npos) {
      return ::testing::AssertionFailure()
             << "the error leaks \"" << leak << "\": " << response.Describe();
    }
  }
  return ::testing::AssertionSuccess();
}

std::set<std::string> DetailFields(const HttpResponse& response) {
  std::set<std::string> fields;
  boost::system::error_code error;
  const boost::json::value body = boost::json::parse(response.body, error);
  if (error || !body.is_object() || !body.as_object().contains("error")) {
    return fields;
  }
  const boost::json::value& details = body.at("error").at("details");
  const auto add = [&](const boost::json::value& entry) {
    if (entry.is_object() && entry.as_object().contains("field") && entry.at("field").is_string()) {
      fields.emplace(entry.at("field").as_string());
    }
  };
  if (details.is_array()) {
    for (const boost::json::value& entry : details.as_array()) {
      add(entry);
    }
  } else {
    add(details);
  }
  return fields;
}

std::string Text(const boost::json::value& value, std::string_view key) {
  if (!value.is_object() || !value.as_object().contains(key) || !value.at(key).is_string()) {
    ADD_FAILURE() << "no text \"" << key << "\" in " << Serialize(value).substr(0, 2000);
    return {};
  }
  return std::string(value.at(key).as_string());
}

std::int64_t Int(const boost::json::value& value, std::string_view key) {
  if (!value.is_object() || !value.as_object().contains(key) || !value.at(key).is_number()) {
    ADD_FAILURE() << "no number \"" << key << "\" in " << Serialize(value).substr(0, 2000);
    return -1;
  }
  const boost::json::value& number = value.at(key);
  if (number.is_int64()) {
    return number.as_int64();
  }
  if (number.is_uint64()) {
    return static_cast<std::int64_t>(number.as_uint64());
  }
  return static_cast<std::int64_t>(number.as_double());
}

boost::json::array Items(const boost::json::value& list) {
  if (!list.is_object() || !list.as_object().contains("items") || !list.at("items").is_array()) {
    ADD_FAILURE() << "no items in " << Serialize(list).substr(0, 2000);
    return {};
  }
  return list.at("items").as_array();
}

std::string ValidId(std::string_view address, std::string_view birth, int sequence) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03d", sequence % 1000);
  std::string id = std::string(address) + std::string(birth) + digits;
  int sum = 0;
  for (std::size_t index = 0; index < 17; ++index) {
    sum += (id[index] - '0') * kWeights[index];
  }
  id.push_back(std::string_view("10X98765432")[static_cast<std::size_t>(sum % 11)]);
  return id;
}

boost::json::object HouseholdBody(const std::string& number, const std::string& head_name,
                                  const std::string& id_number, const std::string& village) {
  return boost::json::object{{"household_no", number},
                             {"head_name", head_name},
                             {"head_id_number", id_number},
                             {"village_code", village},
                             {"category", "poverty"},
                             {"main_cause", "因病"},
                             {"members", 2},
                             {"phone", "13912345678"},
                             {"per_capita_income", 3200.5},
                             {"bank_account", "6228480012345678901"}};
}

boost::json::object PersonBody(const std::string& household, const std::string& name,
                               const std::string& id_number, const std::string& relation) {
  return boost::json::object{{"household_no", household},    {"name", name},
                             {"id_number", id_number},       {"relation", relation},
                             {"ethnicity", "汉族"},          {"education", "初中"},
                             {"labour_skill", "普通劳动力"}, {"phone", "13812345678"}};
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  bool any = false;
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    any = true;
    if (quoted) {
      if (c == '"' && index + 1 < text.size() && text[index + 1] == '"') {
        cell.push_back('"');
        ++index;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      row.push_back(std::move(cell));
      cell.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      cell.push_back(c);
    }
  }
  if (any) {
    row.push_back(std::move(cell));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool LooksLikeXlsx(const std::string& body) {
  // A local file header first, the workbook's parts named, and the end of the central
  // directory in the last bytes (a complete file).
  return body.size() > 100 && body.rfind("PK\x03\x04", 0) == 0 &&
         body.find("[Content_Types].xml") != std::string::npos &&
         body.find("PK\x05\x06", body.size() - std::min<std::size_t>(body.size(), 65557)) !=
             std::string::npos;
}

std::string HouseholdsCsv(std::string_view prefix, int count, std::string_view village) {
  std::string csv = "户编号,户主姓名,户主证件号码,所属村代码,户属性\n";
  for (int index = 0; index < count; ++index) {
    // A thousand sequence numbers a birth date; the dates walk on from 1950-01-01.
    const int day = index / 1000;
    char birth[9];
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", 1950 + day / 336, day % 336 / 28 + 1,
                  day % 28 + 1);
    csv += std::string(prefix) + "-" + std::to_string(index) + ",试导入," +
           ValidId("620123", birth, index % 1000) + "," + std::string(village) + ",一般户\n";
  }
  return csv;
}

ProcessResult VerifyAudit(const std::string& db) {
  return RunShuanglian({"audit", "verify", "--db", db});
}

std::unique_ptr<DemoRegistry> HttpSuite::registry_;
std::unique_ptr<ServerProcess> HttpSuite::server_;
std::map<std::pair<std::string, ApiSession::Mode>, ApiSession> HttpSuite::sessions_;
std::string HttpSuite::setup_error_;

void HttpSuite::StartSuiteServer(const std::string& web) {
  setup_error_.clear();
  try {
    registry_ = DemoRegistry::Copy();
    server_ = std::make_unique<ServerProcess>(ServerProcess::Options{registry_->db(), web, ""});
  } catch (const std::exception& error) {
    setup_error_ = error.what();
  }
}

void HttpSuite::TearDownTestSuite() {
  sessions_.clear();
  server_.reset();
  registry_.reset();
}

void HttpSuite::SetUp() {
  if (!setup_error_.empty() || !server_) {
    GTEST_FAIL() << "the suite's server did not start: " << setup_error_;
  }
}

const ApiSession& HttpSuite::As(const std::string& username, ApiSession::Mode mode) {
  const auto key = std::make_pair(username, mode);
  auto found = sessions_.find(key);
  if (found == sessions_.end() || !found->second.signed_in()) {
    found = sessions_.insert_or_assign(key, SignIn(username, mode)).first;
  }
  return found->second;
}

ApiSession HttpSuite::SignIn(const std::string& username, ApiSession::Mode mode) {
  return ApiSession::SignIn(port(), username, registry_->Password(username), mode);
}

}  // namespace shuanglian::testing
