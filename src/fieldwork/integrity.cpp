#include "fieldwork/integrity.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/date.h"
#include "core/region_code.h"
#include "store/scope_sql.h"
#include "store/sql_util.h"

namespace shuanglian::fieldwork {

namespace {

// ---- text similarity: code points, trigrams, MinHash ----

std::vector<char32_t> Letters(const std::string& text) {
  std::vector<char32_t> letters;
  for (std::size_t index = 0; index < text.size();) {
    const auto byte = static_cast<unsigned char>(text[index]);
    char32_t point = byte;
    std::size_t length = 1;
    if (byte >= 0xF0) {
      point = byte & 0x07;
      length = 4;
    } else if (byte >= 0xE0) {
      point = byte & 0x0F;
      length = 3;
    } else if (byte >= 0xC0) {
      point = byte & 0x1F;
      length = 2;
    }
    for (std::size_t next = 1; next < length && index + next < text.size(); ++next) {
      point = (point << 6) | (static_cast<unsigned char>(text[index + next]) & 0x3F);
    }
    index += length;
    // Spaces and punctuation (ASCII and the CJK ones) say nothing about copying.
    const bool ascii_word = (point >= '0' && point <= '9') || (point >= 'a' && point <= 'z') ||
                            (point >= 'A' && point <= 'Z');
    const bool cjk_punctuation =
        (point >= 0x3000 && point <= 0x303F) || (point >= 0xFF00 && point <= 0xFF0F) ||
        (point >= 0xFF1A && point <= 0xFF20) || point == 0x2026 || point == 0x201C ||
        point == 0x201D || point == 0x2018 || point == 0x2019 || point == 0x2014;
    if ((point < 0x80 && !ascii_word) || cjk_punctuation) {
      continue;
    }
    letters.push_back(point);
  }
  return letters;
}

std::uint64_t Mix(std::uint64_t value) {
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdULL;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ULL;
  value ^= value >> 33;
  return value;
}

std::vector<std::uint64_t> Trigrams(const std::vector<char32_t>& letters) {
  std::vector<std::uint64_t> grams;
  for (std::size_t index = 0; index + 2 < letters.size(); ++index) {
    grams.push_back(Mix((static_cast<std::uint64_t>(letters[index]) << 42) ^
                        (static_cast<std::uint64_t>(letters[index + 1]) << 21) ^
                        letters[index + 2]));
  }
  std::sort(grams.begin(), grams.end());
  grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
  return grams;
}

double Jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() && b.empty()) {
    return 1.0;
  }
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

// 32 MinHash values in 8 bands of 4: pairs at 0.8 similarity meet in some band with
// probability 0.98, pairs at 0.5 are compared 40% of the time, and only those are compared.
constexpr int kHashes = 32;
constexpr int kBands = 8;
constexpr int kRows = kHashes / kBands;

std::array<std::uint64_t, kHashes> Signature(const std::vector<std::uint64_t>& grams) {
  std::array<std::uint64_t, kHashes> signature;
  signature.fill(UINT64_MAX);
  for (const std::uint64_t gram : grams) {
    for (int k = 0; k < kHashes; ++k) {
      signature[static_cast<std::size_t>(k)] = std::min(
          signature[static_cast<std::size_t>(k)], Mix(gram + 0x9E3779B97F4A7C15ULL * (k + 1)));
    }
  }
  return signature;
}

// ---- the checks ----

struct Context {
  store::Database& database;
  const std::string& region;
  const store::DataScope& scope;
  const IntegrityOptions& options;
  IntegrityReport& report;

  // The WHERE of records (alias r) of the region, the year and the scope.
  std::string Where(std::string_view table, std::string_view day_column,
                    std::vector<store::Param>& params) const {
    const auto range = core::VillageRangeOf(region);
    const std::string low = store::Bind(params, range.low);
    const std::string high = store::Bind(params, range.high);
    const std::string from = store::Bind(params, std::to_string(options.year) + "-01-01");
    const std::string to = store::Bind(params, std::to_string(options.year) + "-12-31~");
    return " WHERE r.village_code BETWEEN " + low + " AND " + high + " AND r." +
           std::string(day_column) + " >= " + from + " AND r." + std::string(day_column) +
           " <= " + to + " AND " + store::FieldRecordScopeCondition(scope, params, table);
  }

  void Add(Finding finding) const {
    const std::int64_t seen = ++report.counts[finding.check];
    if (static_cast<std::size_t>(seen) <= options.findings_per_check) {
      report.findings.push_back(std::move(finding));
    }
  }
};

// One diary page, as the copy check reads it.
struct DiaryPage {
  std::string uuid;
  std::int64_t helper_id;
  std::string helper_name;
  std::string day;
  std::vector<std::uint64_t> grams;
};

// A finding when the later page `b` is (nearly) a copy of the earlier `a`.
void CompareDiaries(const Context& context, const DiaryPage& a, const DiaryPage& b) {
  const double similarity = Jaccard(a.grams, b.grams);
  if (similarity < context.options.diary_similarity) {
    return;
  }
  const bool same_cadre = a.helper_id == b.helper_id;
  char percent[16];
  std::snprintf(percent, sizeof percent, "%.0f%%", similarity * 100);
  Finding finding;
  finding.check = "diary_copied";
  finding.helper_id = b.helper_id;
  finding.helper_name = b.helper_name;
  finding.day = b.day;
  finding.records = {a.uuid, b.uuid};
  finding.score = similarity;
  finding.message = same_cadre ? b.helper_name + " " + b.day + " 的日记与其 " + a.day +
                                     " 的日记相同程度 " + percent
                               : b.helper_name + " " + b.day + " 的日记与 " + a.helper_name + " " +
                                     a.day + " 的日记相同程度 " + percent;
  context.Add(std::move(finding));
}

void DiaryCopies(const Context& context) {
  std::vector<DiaryPage> entries;
  std::vector<store::Param> params;
  const std::string where = context.Where("diary_entries", "day", params);
  context.database.ForEachRow(
      "SELECT r.client_uuid, r.helper_id, he.name, r.day, r.text FROM diary_entries r JOIN "
      "helpers he ON he.id = r.helper_id" +
          where + " ORDER BY r.day, r.id",
      params, [&](const store::RowView& row) {
        const auto letters = Letters(row.Text(4));
        if (letters.size() >= context.options.diary_min_length) {
          entries.push_back(
              DiaryPage{row.Text(0), row.Int(1), row.Text(2), row.Text(3), Trigrams(letters)});
        }
      });
  // Candidates from the bands, then the exact similarity of each candidate pair once. An
  // entry is compared with the most recent kRecentPerBucket entries of each of its buckets only:
  // a text copied a thousand times is still found in every copy, against the copies just
  // before it, while the work stays linear in the entries (every pair of a county's templated
  // diaries took minutes and gigabytes).
  constexpr std::size_t kRecentPerBucket = 8;
  std::vector<std::unordered_map<std::uint64_t, std::vector<std::size_t>>> buckets(kBands);
  std::vector<std::size_t> earlier_ones;
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const auto signature = Signature(entries[index].grams);
    earlier_ones.clear();
    for (int band = 0; band < kBands; ++band) {
      std::uint64_t key = static_cast<std::uint64_t>(band);
      for (int row = 0; row < kRows; ++row) {
        key = Mix(key ^ signature[static_cast<std::size_t>(band * kRows + row)]);
      }
      auto& bucket = buckets[static_cast<std::size_t>(band)][key];
      earlier_ones.insert(earlier_ones.end(), bucket.begin(), bucket.end());
      if (bucket.size() == kRecentPerBucket) {
        bucket.erase(bucket.begin());
      }
      bucket.push_back(index);
    }
    std::sort(earlier_ones.begin(), earlier_ones.end());
    earlier_ones.erase(std::unique(earlier_ones.begin(), earlier_ones.end()), earlier_ones.end());
    for (const std::size_t first : earlier_ones) {
      CompareDiaries(context, entries[first], entries[index]);
    }
  }
}

void TooManyVisits(const Context& context) {
  std::vector<store::Param> params;
  const std::string where = context.Where("visits", "day", params);
  const std::string limit = store::Bind(params, context.options.max_visits_per_day);
  // Distinct households seen that day; a village-wide visit counts one (its negated id).
  const std::string seen = "count(DISTINCT COALESCE(x.household_id, -r.id))";
  for (const store::RowView row : context.database.Query(
           "SELECT vh.helper_id, he.name, r.day, " + seen +
               " FROM visits r JOIN visit_helpers vh ON vh.visit_id = r.id JOIN helpers he ON "
               "he.id = vh.helper_id LEFT JOIN visit_households x ON x.visit_id = r.id" +
               where + " GROUP BY vh.helper_id, he.name, r.day HAVING " + seen + " > " + limit +
               " ORDER BY r.day, vh.helper_id",
           params)) {
    Finding finding;
    finding.check = "too_many_visits";
    finding.helper_id = row.Int(0);
    finding.helper_name = row.Text(1);
    finding.day = row.Text(2);
    finding.message = row.Text(1) + " " + row.Text(2) + " 记录走访 " + std::to_string(row.Int(3)) +
                      " 户，超过一天 " + std::to_string(context.options.max_visits_per_day) +
                      " 户的合理上限";
    context.Add(std::move(finding));
  }
}

void VisitsWithoutStationedDay(const Context& context) {
  std::vector<store::Param> params;
  const std::string where = context.Where("visits", "day", params);
  for (const store::RowView row : context.database.Query(
           "SELECT r.client_uuid, vh.helper_id, he.name, r.day FROM visits r JOIN visit_helpers "
           "vh ON vh.visit_id = r.id JOIN helpers he ON he.id = vh.helper_id" +
               where +
               // Only a 帮扶干部 is stationed in the village; a leader or a 致富带头人 visits
               // without staying, and a village official lives there.
               " AND he.kind = 'cadre' AND he.flags NOT LIKE '%village_official%' AND NOT EXISTS "
               "(SELECT 1 FROM "
               "stationed_days s WHERE s.helper_id = vh.helper_id AND s.day = r.day) ORDER BY "
               "r.day, vh.helper_id",
           params)) {
    Finding finding;
    finding.check = "visit_without_stationed_day";
    finding.helper_id = row.Int(1);
    finding.helper_name = row.Text(2);
    finding.day = row.Text(3);
    finding.records = {row.Text(0)};
    finding.message = row.Text(2) + " " + row.Text(3) + " 有走访记录，但当天没有驻村记录";
    context.Add(std::move(finding));
  }
}

// Minutes since the epoch of "2012-03-06T09:30:00+08:00" (both ends of a span carry the
// same offset: the server's business time).
std::optional<std::int64_t> Minutes(const std::string& timestamp) {
  if (timestamp.size() < 16) {
    return std::nullopt;
  }
  const auto date = core::ParseDate(timestamp.substr(0, 10));
  if (!date) {
    return std::nullopt;
  }
  return date->DaysSinceEpoch() * 1440 + std::stoll(timestamp.substr(11, 2)) * 60 +
         std::stoll(timestamp.substr(14, 2));
}

bool EmptyResult(const std::string& result) {
  static const std::set<std::string> kEmpty = {"已解决", "解决", "已办结", "办结", "已处理", "处理",
                                               "好",     "完成", "已完成", "无",   "ok",     "OK"};
  return Letters(result).size() < 4 || kEmpty.count(result) > 0;
}

void ProblemsClosed(const Context& context) {
  std::vector<store::Param> params;
  const std::string where = context.Where("problems", "raised_on", params);
  for (const store::RowView row : context.database.Query(
           "SELECT r.id, r.helper_id, he.name, r.registered_at, r.solved_at, r.result, "
           "r.description, (SELECT count(*) FROM problem_events e WHERE e.problem_id = r.id AND "
           "e.note = '导入' AND e.to_status = 'solved') FROM problems r JOIN helpers he ON he.id = "
           "r.helper_id" +
               where + " AND r.status = 'solved' ORDER BY r.id",
           params)) {
    // Imported already solved from an old ledger: when it was closed is not known. One
    // imported open and closed here is judged like any other.
    const bool imported = row.Int(7) > 0;
    const auto registered = Minutes(row.Text(3));
    const auto solved = Minutes(row.Text(4));
    if (!imported && registered && solved &&
        *solved - *registered < context.options.quick_close_minutes) {
      Finding finding;
      finding.check = "problem_closed_quickly";
      finding.helper_id = row.Int(1);
      finding.helper_name = row.Text(2);
      finding.day = row.Text(4).substr(0, 10);
      finding.records = {std::to_string(row.Int(0))};
      finding.message = "问题“" + row.Text(6).substr(0, 60) + "”登记后 " +
                        std::to_string(*solved - *registered) + " 分钟即办结";
      context.Add(std::move(finding));
    }
    if (EmptyResult(row.Text(5))) {
      Finding finding;
      finding.check = "problem_without_result";
      finding.helper_id = row.Int(1);
      finding.helper_name = row.Text(2);
      finding.day = row.Text(4).substr(0, 10);
      finding.records = {std::to_string(row.Int(0))};
      finding.message =
          "问题“" + row.Text(6).substr(0, 60) + "”办结，但办理结果只写了“" + row.Text(5) + "”";
      context.Add(std::move(finding));
    }
  }
}

void PhotosReused(const Context& context) {
  std::vector<store::Param> params;
  const std::string where = context.Where("visits", "day", params);
  std::map<std::string, std::vector<std::string>> visits_of_photo;
  std::map<std::string, std::pair<std::int64_t, std::string>> first_helper;
  for (const store::RowView row : context.database.Query(
           "SELECT p.sha256, r.client_uuid, r.helper_id, he.name FROM visit_photos p JOIN visits "
           "r ON r.id = p.visit_id JOIN helpers he ON he.id = r.helper_id" +
               where +
               " AND p.sha256 IN (SELECT sha256 FROM visit_photos GROUP BY sha256 HAVING "
               "count(*) > 1) ORDER BY p.sha256, r.day, r.id",
           params)) {
    visits_of_photo[row.Text(0)].push_back(row.Text(1));
    first_helper.try_emplace(row.Text(0), row.Int(2), row.Text(3));
  }
  for (const auto& [sha256, visits] : visits_of_photo) {
    if (visits.size() < 2) {
      continue;
    }
    Finding finding;
    finding.check = "photo_reused";
    finding.helper_id = first_helper[sha256].first;
    finding.helper_name = first_helper[sha256].second;
    finding.records = visits;
    finding.message = "同一张照片（" + sha256.substr(0, 12) + "…）用于 " +
                      std::to_string(visits.size()) + " 次走访";
    context.Add(std::move(finding));
  }
}

}  // namespace

double TextSimilarity(const std::string& a, const std::string& b) {
  return Jaccard(Trigrams(Letters(a)), Trigrams(Letters(b)));
}

IntegrityReport CheckIntegrity(store::Database& database, const std::string& region_code,
                               const store::DataScope& scope, const IntegrityOptions& options) {
  IntegrityReport report;
  report.region_code = region_code;
  report.year = options.year;
  for (const char* check : {"diary_copied", "too_many_visits", "visit_without_stationed_day",
                            "problem_closed_quickly", "problem_without_result", "photo_reused"}) {
    report.counts[check] = 0;
  }
  const Context context{database, region_code, scope, options, report};
  DiaryCopies(context);
  TooManyVisits(context);
  VisitsWithoutStationedDay(context);
  ProblemsClosed(context);
  PhotosReused(context);
  return report;
}

}  // namespace shuanglian::fieldwork
