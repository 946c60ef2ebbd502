#include "demo/people.h"

#include <algorithm>
#include <cstdio>

namespace shuanglian::demo {

namespace {

// The commonest surnames of Gansu villages, roughly by frequency.
const std::vector<std::string> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "马", "魏", "蔡", "何", "郭", "周", "吴", "徐",
    "孙", "胡", "朱", "高", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "萧", "程",
    "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "丁", "姚", "牛",
    "苟", "石", "雷", "冉", "尚", "柴", "杜", "焦", "薛", "闫", "任", "安", "白", "包", "段"};
const std::vector<std::string> kMaleChars = {
    "建", "国", "军", "文", "明", "永", "福", "生", "海", "平", "东", "德", "学", "志", "成",
    "忠", "兴", "林", "宝", "强", "华", "荣", "贵", "录", "虎", "龙", "杰", "伟", "俊", "振",
    "有", "得", "吉", "天", "武", "全", "堂", "斌", "宏", "鹏", "刚", "春", "万", "长", "世"};
const std::vector<std::string> kFemaleChars = {
    "秀", "英", "兰", "花", "芳", "梅", "霞", "玲", "红", "燕", "丽", "萍", "娟", "琴", "珍",
    "凤", "翠", "桂", "莲", "艳", "婷", "静", "敏", "慧", "雪", "月", "春", "香", "云", "玉"};

// 汉族 most, then 回族, 东乡族 and 藏族, as in Gansu's countryside.
const std::vector<std::string> kEthnicities = {"01", "03", "26", "04"};
const std::vector<int> kEthnicityWeights = {920, 50, 20, 10};

}  // namespace

PeopleGenerator::PeopleGenerator(std::uint64_t seed, core::Date reference_date)
    : random_(seed), reference_date_(reference_date) {}

std::string PeopleGenerator::GivenName(core::Sex sex) {
  const auto& chars = sex == core::Sex::kMale ? kMaleChars : kFemaleChars;
  std::string name =
      chars[static_cast<std::size_t>(random_.Below(static_cast<std::int64_t>(chars.size())))];
  if (random_.Chance(0.8)) {
    name += chars[static_cast<std::size_t>(random_.Below(static_cast<std::int64_t>(chars.size())))];
  }
  return name;
}

std::string PeopleGenerator::Surname() {
  return kSurnames[static_cast<std::size_t>(
      random_.Below(static_cast<std::int64_t>(kSurnames.size())))];
}

std::string PeopleGenerator::IdNumber(const std::string& county_code, const core::Date& birth,
                                      core::Sex sex) {
  const std::uint64_t key =
      std::stoull(county_code) * 100000000ULL +
      static_cast<std::uint64_t>(birth.year * 10000 + birth.month * 100 + birth.day);
  int& next = next_sequence_[key];
  // Sequences 000-999: odd for men, even for women. Move to the next free one of the right parity.
  int sequence = next;
  if ((sequence % 2 == 1) != (sex == core::Sex::kMale)) {
    ++sequence;
  }
  if (sequence > 999) {
    // A thousand people of one county born on one day: take the next day instead.
    return IdNumber(county_code, core::Date::FromDaysSinceEpoch(birth.DaysSinceEpoch() + 1), sex);
  }
  next = sequence + 1;
  char digits[32];
  std::snprintf(digits, sizeof digits, "%04d%02d%02d%03d", birth.year, birth.month, birth.day,
                sequence);
  std::string id = county_code.substr(0, 6) + digits;
  id.push_back(core::IdCheckCharacter(id));
  return id;
}

void PeopleGenerator::FillAttributes(core::Person& person, int age) {
  person.ethnicity = kEthnicities[random_.Weighted(kEthnicityWeights)];
  if (age < 16) {
    person.labour_skill = "none";
  } else if (age < 60) {
    person.labour_skill =
        std::vector<std::string>{"ordinary", "skilled", "weak"}[random_.Weighted({78, 16, 6})];
  } else if (age < 70) {
    person.labour_skill =
        std::vector<std::string>{"weak", "ordinary", "lost"}[random_.Weighted({60, 20, 20})];
  } else {
    person.labour_skill = random_.Chance(0.5) ? "lost" : "none";
  }
  if (age >= 7) {
    if (age >= 60) {
      person.education = std::vector<std::string>{"illiterate", "primary",
                                                  "junior"}[random_.Weighted({45, 40, 15})];
    } else if (age >= 18) {
      person.education =
          std::vector<std::string>{"illiterate", "primary", "junior",
                                   "senior",     "college", "bachelor"}[random_.Weighted(
              {6, 28, 42, 16, 5, 3})];
    } else if (age >= 15) {
      person.education = "junior";
    } else if (age >= 12) {
      person.education = "primary";
    }
  }
  if (age >= 3 && age <= 5) {
    person.schooling = "preschool";
  } else if (age >= 6 && age <= 11) {
    person.schooling = "primary";
  } else if (age >= 12 && age <= 14) {
    person.schooling = "junior";
  } else if (age >= 15 && age <= 17) {
    person.schooling = random_.Chance(0.8) ? "senior" : "secondary_vocational";
  } else if (age >= 18 && age <= 21 && random_.Chance(0.3)) {
    person.schooling = random_.Chance(0.5) ? "college" : "bachelor";
  } else if (age < 3) {
    person.schooling = "preschool_child";
  } else {
    person.schooling = "none";
  }
  const int health_roll = static_cast<int>(random_.Below(100));
  const int sick = age >= 60 ? 30 : 10;
  if (health_roll < sick / 2) {
    person.health = "chronic";
  } else if (health_roll < sick * 2 / 3) {
    person.health = "serious";
  } else if (health_roll < sick) {
    person.health = "disabled";
  } else {
    person.health = "healthy";
  }
  if (person.labour_skill != "none" && person.labour_skill != "lost" && age >= 18 && age <= 55 &&
      person.schooling == "none" && random_.Chance(0.4)) {
    person.work_location = std::vector<std::string>{"township", "county", "province",
                                                    "outside"}[random_.Weighted({15, 35, 35, 15})];
    person.work_months = random_.Between(3, 10);
  } else {
    person.work_location = "none";
  }
}

core::Person PeopleGenerator::MakePerson(const std::string& household_no,
                                         const std::string& county_code,
                                         const std::string& relation, core::Sex sex, int age,
                                         const std::string& surname) {
  core::Person person;
  person.household_no = household_no;
  person.relation = relation;
  person.sex = sex;
  person.name = surname + GivenName(sex);
  // A birthday somewhere in the year that gives this age on the reference date.
  const std::int64_t latest = core::Date{reference_date_.year - age, reference_date_.month,
                                         std::min(reference_date_.day, 28)}
                                  .DaysSinceEpoch();
  person.birth_date = core::Date::FromDaysSinceEpoch(latest - random_.Below(365));
  person.id_number = IdNumber(county_code, person.birth_date, sex);
  FillAttributes(person, age);
  return person;
}

std::vector<core::Person> PeopleGenerator::Members(const std::string& household_no,
                                                   const std::string& county_code, int count,
                                                   HouseholdShape shape,
                                                   const std::string& head_name) {
  std::vector<core::Person> members;
  const bool alone = shape == HouseholdShape::kElderlyAlone;
  const core::Sex head_sex = alone ? (random_.Chance(0.5) ? core::Sex::kMale : core::Sex::kFemale)
                                   : (random_.Chance(0.88) ? core::Sex::kMale : core::Sex::kFemale);
  const int head_age = alone ? static_cast<int>(random_.Between(66, 88))
                             : static_cast<int>(random_.Between(count >= 5 ? 38 : 28, 72));
  const std::string surname = Surname();
  members.push_back(MakePerson(household_no, county_code, "head", head_sex, head_age, surname));
  if (!head_name.empty()) {
    members.back().name = head_name;
  }
  const core::Sex other_sex = head_sex == core::Sex::kMale ? core::Sex::kFemale : core::Sex::kMale;
  const auto random_sex = [&] {
    return random_.Chance(0.52) ? core::Sex::kMale : core::Sex::kFemale;
  };
  int remaining = count - 1;
  if (remaining > 0 && (alone || random_.Chance(0.92))) {
    const int age = std::clamp(head_age + static_cast<int>(random_.Between(-6, 4)), 20, 95);
    members.push_back(MakePerson(household_no, county_code, "spouse", other_sex, age, Surname()));
    --remaining;
  }
  // A parent lives with younger heads; grandchildren with older ones.
  if (remaining > 0 && head_age < 48 && random_.Chance(0.35)) {
    const int age = std::min(head_age + static_cast<int>(random_.Between(24, 32)), 95);
    const core::Sex sex = random_sex();
    members.push_back(MakePerson(household_no, county_code,
                                 sex == core::Sex::kMale ? "father" : "mother", sex, age,
                                 sex == core::Sex::kMale ? surname : Surname()));
    --remaining;
  }
  int children = 0;
  std::vector<int> child_ages;
  while (remaining > 0) {
    if (head_age >= 55 && children >= 1 && random_.Chance(0.6)) {
      const int parent_age = child_ages.front();
      const int age = std::max(0, parent_age - static_cast<int>(random_.Between(22, 30)));
      const core::Sex sex = random_sex();
      members.push_back(MakePerson(household_no, county_code,
                                   sex == core::Sex::kMale ? "grandson" : "granddaughter", sex, age,
                                   surname));
    } else {
      const int age =
          std::max(0, head_age - static_cast<int>(random_.Between(22, 36)) - children * 2);
      const core::Sex sex = random_sex();
      members.push_back(MakePerson(household_no, county_code,
                                   sex == core::Sex::kMale ? "son" : "daughter", sex, age,
                                   surname));
      child_ages.push_back(age);
      ++children;
    }
    --remaining;
  }
  members.front().phone = MobilePhone();
  return members;
}

std::string PeopleGenerator::MobilePhone() {
  static const char* kPrefixes[] = {"138", "139", "137", "150", "151", "152", "157", "159",
                                    "182", "187", "189", "133", "153", "180", "181"};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s%08lld", kPrefixes[random_.Below(15)],
                static_cast<long long>(random_.Below(100000000)));
  return buffer;
}

std::string PeopleGenerator::BankAccount() {
  std::string account = "62284";
  for (int digit = 0; digit < 14; ++digit) {
    account.push_back(static_cast<char>('0' + random_.Below(10)));
  }
  return account;
}

}  // namespace shuanglian::demo
