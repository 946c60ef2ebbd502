#include <fmt/core.h>

#include <boost/json.hpp>

#include "api/import_json.h"
#include "api/json_text.h"
#include "cli/command.h"
#include "cli/progress_bar.h"
#include "ingest/import_runner.h"

namespace shuanglian::cli {

namespace {

struct ImportCommandOptions {
  std::string db;
  std::string kind;
  std::string file;
  std::string report;
  bool strict = false;
  bool dry_run = false;
  bool json = false;
  std::size_t batch_size = 50000;
  bool batch_size_given = false;
};

void PrintHuman(const ingest::ImportSummary& summary) {
  fmt::print("{}（{}）：共 {} 行，新增 {}，更新 {}，未变 {}，拒绝 {}{}\n", summary.file,
             summary.format, summary.rows, summary.imported, summary.updated, summary.unchanged,
             summary.rejected, summary.committed ? "" : "（未保存）");
  for (const std::string& warning : summary.warnings) {
    fmt::print("提示：{}\n", warning);
  }
  for (const ingest::ImportError& error : summary.errors) {
    fmt::print("第 {} 行 [{}] {}\n", error.row, error.column, error.message);
  }
  if (summary.errors_omitted > 0) {
    fmt::print("……另有 {} 条错误未列出，见 --report 文件\n", summary.errors_omitted);
  }
}

int RunImportCommand(const ImportCommandOptions& options) {
  const auto kind = ingest::ParseImportKind(options.kind);
  if (!kind) {
    throw UsageError("导入类型应为 households（家庭）或 persons（家庭成员），不是“" + options.kind +
                     "”");
  }
  if (options.batch_size == 0 || options.batch_size > 1000000) {
    throw UsageError("--batch-size 应在 1～1000000 之间");
  }
  auto database = OpenForCommand(options.db);
  ingest::ImportOptions settings;
  settings.kind = *kind;
  settings.path = options.file;
  settings.strict = options.strict;
  settings.dry_run = options.dry_run;
  settings.report_path = options.report;
  settings.batch_size = options.batch_size;
  settings.commit_each_batch = options.batch_size_given;
  settings.today = Today();
  settings.now = NowIso();
  ProgressBar bar("导入 " + options.file);
  settings.progress = [&bar](double fraction, std::int64_t rows) { bar.Update(fraction, rows); };
  const ingest::ImportSummary summary = ingest::RunImport(*database, settings);
  bar.Done();
  if (options.json) {
    fmt::print("{}\n", api::ToJsonText(api::ImportSummaryToJson(summary)));
  } else {
    PrintHuman(summary);
  }
  return summary.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void AddImportCommand(CommandRegistry registry) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* command = registry.app.add_subcommand(
      "import", "导入家庭（households）或家庭成员（persons）：CSV（UTF-8/GBK）或 XLSX");
  AddDatabaseOption(*command, options->db);
  command->add_option("kind", options->kind, "households 或 persons")->required();
  command->add_option("file", options->file, "要导入的文件")->required();
  command->add_flag("--strict", options->strict, "任何一行有错误则不保存任何数据");
  command->add_flag("--dry-run", options->dry_run, "只校验，不保存");
  command->add_option("--report", options->report,
                      "把被拒绝的行连同“错误原因”写入此文件（与输入同格式）");
  command->add_flag("--json", options->json, "以 JSON 输出摘要");
  CLI::Option* batch_size = command
                                ->add_option("--batch-size", options->batch_size,
                                             "每批提交的行数（给出时，即使表为空也分批提交）")
                                ->capture_default_str();
  command->callback([options, batch_size, &chosen = registry.chosen] {
    options->batch_size_given = batch_size->count() > 0;
    chosen = [options] { return RunImportCommand(*options); };
  });
}

}  // namespace shuanglian::cli
