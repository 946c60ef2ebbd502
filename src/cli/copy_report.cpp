#include "cli/copy_report.h"

#include <fmt/core.h>

#include <algorithm>

namespace shuanglian::cli {

namespace {

void WarnAbout(const std::vector<std::string>& photos, const std::string& what) {
  if (photos.empty()) {
    return;
  }
  fmt::print(stderr, "⚠ {} 张照片{}（数据库里有记录，照片本身没有复制）：", photos.size(), what);
  for (std::size_t index = 0; index < photos.size() && index < 5; ++index) {
    fmt::print(stderr, "{}{}", index ? "、" : "", photos[index]);
  }
  fmt::print(stderr, "{}\n", photos.size() > 5 ? " 等" : "");
}

}  // namespace

void PrintChecksums(const std::vector<store::TableChecksum>& left,
                    const std::vector<store::TableChecksum>& right, const std::string& left_name,
                    const std::string& right_name) {
  fmt::print("{:<22} {:>10} {:>18} {:>10} {:>18}\n", "表", left_name + "行数", left_name + "校验和",
             right_name + "行数", right_name + "校验和");
  const store::TableChecksum none;
  for (std::size_t index = 0; index < std::max(left.size(), right.size()); ++index) {
    const auto& one = index < left.size() ? left[index] : none;
    const auto& other = index < right.size() ? right[index] : none;
    fmt::print("{:<22} {:>10} {:>18x} {:>10} {:>18x} {}\n",
               one.table.empty() ? other.table : one.table, one.rows, one.checksum, other.rows,
               other.checksum, one == other ? "一致" : "不一致");
  }
}

void PrintPhotoCopy(const store::PhotoCopy& photos, const std::string& from,
                    const std::string& to) {
  fmt::print("照片：复制 {} 张，目标目录已有 {} 张（{} → {}）\n", photos.copied,
             photos.already_there, from, to);
  WarnAbout(photos.missing, "在源目录 " + from + " 中找不到");
  WarnAbout(photos.damaged, "在源目录中已损坏（内容与名称不符）");
}

}  // namespace shuanglian::cli
