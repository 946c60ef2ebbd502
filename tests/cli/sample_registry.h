#pragma once

// A small, valid registry under the villages of tests/fixtures/regions_small.csv: five
// households of 甘草店镇 and their thirteen members, as rows of the import format.

#include <string>
#include <vector>

#include "cli/cli_test_support.h"

namespace shuanglian::testing {

using Row = std::vector<std::string>;

inline const Row& HouseholdHeader() {
  static const Row kHeader = {"户编号",       "户主姓名",     "户主证件号码", "所属村代码",
                              "村民小组",     "家庭人口数",   "联系电话",     "户属性",
                              "主要致贫原因", "其他致贫原因", "人均纯收入",   "耕地面积",
                              "是否危房",     "识别年度",     "脱贫状态"};
  return kHeader;
}

inline const Row& PersonHeader() {
  static const Row kHeader = {"户编号",   "姓名",     "证件号码", "与户主关系", "性别",
                              "出生日期", "民族",     "文化程度", "在校生状况", "健康状况",
                              "劳动技能", "务工地点", "务工时间"};
  return kHeader;
}

// ID numbers of the sample's people, by household and member.
struct SampleIds {
  std::string zhang_head = MakeId("620123", "19800101", 11);
  std::string zhang_spouse = MakeId("620123", "19820202", 22);
  std::string zhang_son = MakeId("620123", "20100707", 33);
  std::string li_head = MakeId("620123", "19750505", 42);
  std::string li_daughter = MakeId("620123", "20000808", 52);
  std::string wang_head = MakeId("620123", "19480303", 61);
  std::string zhao_head = MakeId("620123", "19851111", 71);
  std::string zhao_spouse = MakeId("620123", "19870606", 82);
  std::string zhao_son = MakeId("620123", "20120101", 91);
  std::string zhao_father = MakeId("620123", "19550505", 101);
  std::string qian_head = MakeId("620123", "19900909", 111);
  std::string qian_spouse = MakeId("620123", "19920202", 122);
  std::string qian_daughter = MakeId("620123", "20150303", 132);
};

inline const SampleIds& Ids() {
  static const SampleIds kIds;
  return kIds;
}

inline std::vector<Row> SampleHouseholds() {
  const SampleIds& id = Ids();
  return {
      {"GC001", "张建国", id.zhang_head, kVillageA, "一组", "3", "13912345678", "扶贫户", "因病",
       "缺技术、缺资金", "2300.50", "5.5", "否", "2014", "未脱贫"},
      {"GC002", "李秀英", id.li_head, kVillageA, "二组", "2", "", "低保户", "缺劳力", "", "1800",
       "3", "是", "2015", "未脱贫"},
      {"GC003", "王德福", id.wang_head, kVillageB, "一组", "1", "", "五保户", "缺劳力", "", "1200",
       "0", "否", "2014", "未脱贫"},
      {"GC004", "赵有才", id.zhao_head, kVillageB, "一组", "4", "0931-5221234", "一般农户", "", "",
       "6500", "8.25", "否", "", ""},
      {"GC005", "钱多多", id.qian_head, kVillageC, "一组", "3", "", "扶贫低保户", "因学", "",
       "2100", "4", "否", "2016", "已脱贫(享受政策)"},
  };
}

inline std::vector<Row> SamplePersons() {
  const SampleIds& id = Ids();
  return {
      {"GC001", "张建国", id.zhang_head, "户主", "男", "1980-01-01", "汉族", "初中", "非在校生",
       "长期慢性病", "普通劳动力", "县外省内", "6"},
      {"GC001", "刘桂兰", id.zhang_spouse, "配偶", "女", "", "汉族", "小学", "非在校生", "健康",
       "普通劳动力", "未务工", ""},
      {"GC001", "张小明", id.zhang_son, "之子", "", "", "汉族", "小学", "小学", "健康", "无劳动力",
       "未务工", ""},
      {"GC002", "李秀英", id.li_head, "户主", "女", "1975-05-05", "回族", "小学", "非在校生",
       "患有大病", "弱劳动力或半劳动力", "未务工", ""},
      {"GC002", "李娜", id.li_daughter, "之女", "", "", "回族", "高中", "大专", "健康", "无劳动力",
       "未务工", ""},
      {"GC003", "王德福", id.wang_head, "户主", "男", "", "汉族", "文盲或半文盲", "非在校生",
       "残疾", "丧失劳动力", "未务工", ""},
      {"GC004", "赵有才", id.zhao_head, "户主", "", "", "汉族", "高中", "非在校生", "健康",
       "技能劳动力", "省外", "10"},
      {"GC004", "孙丽", id.zhao_spouse, "配偶", "", "", "汉族", "初中", "非在校生", "健康",
       "普通劳动力", "乡内", "3"},
      {"GC004", "赵强", id.zhao_son, "之子", "", "", "汉族", "小学", "初中", "健康", "无劳动力",
       "未务工", ""},
      {"GC004", "赵老汉", id.zhao_father, "之父", "", "", "汉族", "文盲或半文盲", "非在校生",
       "长期慢性病", "弱劳动力或半劳动力", "未务工", ""},
      {"GC005", "钱多多", id.qian_head, "户主", "", "", "汉族", "初中", "非在校生", "健康",
       "普通劳动力", "乡外县内", "8"},
      {"GC005", "周芳", id.qian_spouse, "配偶", "", "", "汉族", "初中", "非在校生", "健康",
       "普通劳动力", "未务工", ""},
      {"GC005", "钱小芳", id.qian_daughter, "之女", "", "", "汉族", "", "学龄前儿童", "健康",
       "无劳动力", "未务工", ""},
  };
}

inline constexpr std::int64_t kSampleHouseholds = 5;
inline constexpr std::int64_t kSamplePersons = 13;

inline std::string SampleHouseholdsCsv() {
  std::vector<Row> rows = {HouseholdHeader()};
  for (Row& row : SampleHouseholds()) {
    rows.push_back(std::move(row));
  }
  return CsvText(rows);
}

inline std::string SamplePersonsCsv() {
  std::vector<Row> rows = {PersonHeader()};
  for (Row& row : SamplePersons()) {
    rows.push_back(std::move(row));
  }
  return CsvText(rows);
}

// The small regions, then the sample's households and members imported into `db` through the
// real command, the files written in `directory`. A test failure when an import fails.
inline void ImportSampleRegistry(const std::string& db, const std::string& directory) {
  ImportSmallRegions(db);
  const std::string households = directory + "/households.csv";
  const std::string persons = directory + "/persons.csv";
  WriteFileBytes(households, SampleHouseholdsCsv());
  WriteFileBytes(persons, SamplePersonsCsv());
  ASSERT_EQ(ImportFile(db, "households", households).exit_code, 0);
  ASSERT_EQ(ImportFile(db, "persons", persons).exit_code, 0);
}

}  // namespace shuanglian::testing
