// shuanglian report: the draft of a region's progress report (进展情况汇报), computed from the
// records, as Markdown, HTML, PDF or a Word document.
#include <fmt/core.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/command.h"
#include "report/document.h"
#include "report/pdf_printer.h"
#include "report/progress_report.h"
#include "store/file_publish.h"
#include "store/reference_data.h"

namespace shuanglian::cli {

namespace {

std::string ExistsMessage(const std::string& path) {
  return "文件 " + path +
         " 已存在：它可能已被修改过，报告不会覆盖它。请换一个文件名，或加 --overwrite";
}

struct Options {
  std::string db = "shuanglian.db";
  std::string region;
  int year = 0;
  std::string as_of;
  std::string output;
  bool overwrite = false;
};

// The bytes of the PDF Chromium prints from the report's HTML, in a directory of its own
// that is removed afterwards.
std::string PrintedPdf(const report::Document& document) {
  std::string directory =
      (std::filesystem::temp_directory_path() / "shuanglian-report-XXXXXX").string();
  if (::mkdtemp(directory.data()) == nullptr) {
    throw UsageError("无法建立临时目录以生成 PDF");
  }
  struct Cleanup {
    const std::string& path;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } cleanup{directory};
  const std::string html = directory + "/report.html";
  const std::string pdf = directory + "/report.pdf";
  {
    std::ofstream out(html, std::ios::binary);
    out << report::ToHtml(document);
    if (!out) {
      throw UsageError("无法写入临时文件 " + html);
    }
  }
  std::ifstream in;
  if (report::PrintHtmlToPdf(html, pdf)) {
    in.open(pdf, std::ios::binary);
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!bytes.starts_with("%PDF")) {
    throw UsageError(
        "用 Chromium 生成 PDF 失败（请确认已安装 chromium，或改为输出 .html / .docx）");
  }
  return bytes;
}

// The file appears whole or not at all, and never over one already there unless asked: a
// draft is edited by hand afterwards, and a run that replaced it would lose that work.
void Publish(const Options& options, const std::string& extension,
             const report::Document& document) {
  const std::string bytes = extension == ".pdf"    ? PrintedPdf(document)
                            : extension == ".docx" ? report::ToDocx(document)
                            : extension == ".html" ? report::ToHtml(document)
                                                   : report::ToMarkdown(document);
  const int error = store::PublishFile(options.output, bytes, options.overwrite);
  if (error == EEXIST) {
    throw UsageError(ExistsMessage(options.output));
  }
  if (error != 0) {
    throw UsageError("无法写入 " + options.output + "：" + std::strerror(error));
  }
}

int Run(const Options& options) {
  std::string extension;
  if (!options.output.empty()) {
    extension = std::filesystem::path(options.output).extension().string();
    if (extension != ".md" && extension != ".html" && extension != ".pdf" && extension != ".docx") {
      throw UsageError("-o " + options.output + "：应以 .docx、.html、.pdf 或 .md 结尾");
    }
    // Said before the work; the name is taken without replacing at the end all the same.
    if (!options.overwrite && std::filesystem::exists(options.output)) {
      throw UsageError(ExistsMessage(options.output));
    }
  }
  const core::Date as_of = AsOfOrToday(options.as_of);
  const int year = options.year > 0 ? options.year : as_of.year;
  auto database = OpenForCommand(options.db);
  const auto dictionaries = store::LoadDictionaries(*database);
  report::ProgressFacts facts;
  try {
    facts = report::GatherProgressFacts(*database, options.region, year, as_of,
                                        store::DataScope::System(), dictionaries);
  } catch (const report::ReportRefused& refused) {
    throw UsageError(refused.what());
  }
  const report::Document document = report::ComposeProgressReport(facts, dictionaries);
  if (options.output.empty()) {
    fmt::print("{}", report::ToMarkdown(document));
    return kExitOk;
  }
  Publish(options, extension, document);
  fmt::print("已写入 {}：{}（{} 年，截至 {}）\n", options.output, document.title, facts.year,
             facts.as_of.ToIso());
  return kExitOk;
}

}  // namespace

void AddReportCommand(CommandRegistry registry) {
  auto options = std::make_shared<Options>();
  CLI::App* command = registry.app.add_subcommand(
      "report", "进展情况汇报：按记录生成一个区划的汇报初稿（基本情况、主要做法、成效、问题）");
  AddDatabaseOption(*command, options->db);
  command->add_option("--region", options->region, "区划代码（县、乡镇或村）")->required();
  command->add_option("--year", options->year, "年份（默认为截至日期所在的年份）")
      ->check(CLI::Range(2000, 2100));
  command->add_option("--as-of", options->as_of, "截至哪一天（YYYY-MM-DD，默认今天）");
  command->add_option("-o,--output", options->output,
                      "输出文件 .docx（Word）、.html、.pdf 或 .md；不给则把 Markdown 打印出来");
  command->add_flag("--overwrite", options->overwrite, "输出文件已存在时覆盖它");
  command->callback(
      [options, &chosen = registry.chosen] { chosen = [options] { return Run(*options); }; });
}

}  // namespace shuanglian::cli
