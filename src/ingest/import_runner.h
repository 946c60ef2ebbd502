#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/field.h"
#include "store/data_scope.h"
#include "store/database.h"

namespace shuanglian::ingest {

enum class ImportKind {
  kHouseholds,
  kPersons,
  kUnits,
  kHelpers,
  kPairings,
  // Past field ledgers (台账) of the cadres.
  kStationedDays,
  kVisits,
  kDiary,
  kProblems,
  kSuggestions,
  kAid,
};
// "households", "persons", "units", "helpers", "pairings", "stationed-days", "visits",
// "diary", "problems", "suggestions", "aid"
std::optional<ImportKind> ParseImportKind(std::string_view name);
std::string ImportKindName(ImportKind kind);
// What a person calls the file: "家庭（户）信息表", "帮扶单位表"...
std::string ImportKindTitle(ImportKind kind);
std::span<const core::FieldSpec> ImportFields(ImportKind kind);

struct ImportOptions {
  ImportKind kind = ImportKind::kHouseholds;
  std::string path;
  std::string file_name;  // as shown in the summary; the path when empty
  bool strict = false;    // store nothing unless every row is valid
  bool dry_run = false;   // validate only
  std::string report_path;
  std::size_t batch_size = 50000;
  // Commit every batch_size rows even into an empty table, where the import would otherwise
  // be one first load (store::FirstLoad): the user asked for --batch-size.
  bool commit_each_batch = false;
  core::Date today;
  std::string now;
  store::DataScope scope = store::DataScope::System();
  std::string actor = "system";
  // Called after each batch: fraction of the file read, rows so far.
  std::function<void(double fraction, std::int64_t rows)> progress;
  // Called once the file is found readable and the import has its job number.
  std::function<void(std::int64_t job)> on_started;
  // Set by a server that is stopping: the import ends before its next chunk of rows with
  // ImportStopped, its job "interrupted"; batches committed stay, the open one is rolled back.
  const std::atomic<bool>* stop = nullptr;
};

// An import ended early because it was asked to stop (ImportOptions::stop).
class ImportStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ImportError {
  std::int64_t row = 0;  // as a spreadsheet shows it
  std::string column;
  std::string code;
  std::string message;
};

struct ImportSummary {
  std::string file;
  std::string format;
  std::int64_t job = 0;
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
  bool committed = false;
  std::vector<std::string> warnings;
  std::vector<ImportError> errors;  // the first kMaxListedErrors; the report holds them all
  std::int64_t errors_omitted = 0;
};

inline constexpr std::size_t kMaxListedErrors = 1000;

// Reads, validates and stores a file of households or persons. Valid rows are stored in
// batches, each one transaction; with strict or dry_run the whole file is one transaction
// that is rolled back unless every row is valid (strict) or always (dry_run). A file that
// cannot be read throws ReadError before anything is stored.
ImportSummary RunImport(store::Database& database, const ImportOptions& options);

}  // namespace shuanglian::ingest
