// Data scope over HTTP (issue 4, items 4, 5 and 8): a user out of scope gets 404 for a
// record and never sees it in a list, a count, a search, an export or a statistic; read-only
// roles get 403 on writes and masked personal data; unmasked reads are written to the audit
// log. On the demo registry: 泉湖 (620902108) and 甘草店镇 (620123105) have offices of their
// own, 泉湖 a leader; a cadre and a unit administrator hold nothing until pairing exists.

#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "http/http_fixture.h"
#include "store/database.h"
#include "store/result_set.h"

namespace shuanglian::testing {
namespace {

struct Probe {
  std::string method;
  std::string path;
  std::string body;
  std::set<int> statuses;  // what the contract allows
};

std::string Describe(const Probe& probe) {
  return probe.method + " " + probe.path;
}

class HttpScopeTest : public HttpSuite {
 protected:
  static std::string QuanhuPath() { return std::string("/households/") + kQuanhuHousehold; }

  // The first member of the 泉湖 household, as the administrator sees it.
  static boost::json::value QuanhuPerson() {
    const HttpResponse members = As(kAdmin).Get(QuanhuPath() + "/members");
    EXPECT_EQ(members.status, 200) << members.Describe();
    const boost::json::array items = Items(JsonOf(members));
    if (items.empty()) {
      ADD_FAILURE() << "the 泉湖 household has no members";
      return nullptr;
    }
    return items.front();
  }

  static std::int64_t Total(const ApiSession& session, const std::string& path) {
    const HttpResponse response = session.Get(path);
    EXPECT_EQ(response.status, 200) << path << ": " << response.Describe();
    return Int(JsonOf(response), "total");
  }

  // Rows of a CSV export (header first).
  static std::vector<std::vector<std::string>> Export(const ApiSession& session,
                                                      const std::string& path) {
    const HttpResponse response = session.Get(path);
    EXPECT_EQ(response.status, 200) << path << ": " << response.Describe();
    EXPECT_EQ(response.Header("content-type").rfind("text/csv", 0), 0u) << response.Describe();
    return ParseCsv(response.body);
  }

  static std::size_t Column(const std::vector<std::vector<std::string>>& rows,
                            const std::string& name) {
    if (rows.empty()) {
      ADD_FAILURE() << "no header";
      return 0;
    }
    for (std::size_t index = 0; index < rows[0].size(); ++index) {
      if (rows[0][index] == name) {
        return index;
      }
    }
    ADD_FAILURE() << "no column " << name;
    return 0;
  }

  // Runs every probe as `session`: the status must be one the contract allows, with the
  // error envelope for refusals.
  static void ExpectProbes(const ApiSession& session, const std::vector<Probe>& probes) {
    for (const Probe& probe : probes) {
      SCOPED_TRACE(session.username() + ": " + Describe(probe));
      HttpHeaders headers;
      if (probe.path.starts_with("/imports") && probe.method == "POST") {
        headers.emplace_back("Content-Type", "application/octet-stream");
      }
      const HttpResponse response = session.Send(probe.method, probe.path, probe.body, headers);
      EXPECT_TRUE(probe.statuses.count(response.status) > 0) << response.Describe();
      if (response.status >= 400) {
        EXPECT_TRUE(IsError(response, response.status));
      }
    }
  }
};

TEST_F(HttpScopeTest, AnotherTownshipsOfficeGets404ForEveryRecordAndChangesNothing) {
  const ApiSession& admin = As(kAdmin);
  const boost::json::value household_before = JsonOf(admin.Get(QuanhuPath()));
  const boost::json::value person = QuanhuPerson();
  const std::string person_path = "/persons/" + std::to_string(Int(person, "id"));
  const std::string village = std::string("/regions/") + kQuanhuVillage;

  // An import of 泉湖's office, which only it and the administrator may follow.
  const ApiSession& quanhu = As(kQuanhuOffice);
  const HttpResponse upload =
      quanhu.Send("POST", "/imports?kind=households&file_name=q.csv",
                  "户编号,户主姓名,户主证件号码,所属村代码,户属性\nQ-IMP-1,泉甲," +
                      ValidId("620902", "19700101", 1) + "," + kQuanhuVillage +
                      ",一般户\nQ-IMP-2,泉乙,620902197001010000," + kQuanhuVillage + ",一般户\n",
                  {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(upload.status, 202) << upload.Describe();
  const std::string job = "/imports/" + std::to_string(Int(JsonOf(upload), "id"));
  // (Followed as the administrator: the uploader's own view of a running job is the subject
  // of HttpRegistryTest.UploaderFollowsARunningImport.)
  ASSERT_TRUE(Eventually([&] { return Text(JsonOf(As(kAdmin).Get(job)), "status") != "running"; }));
  ASSERT_EQ(quanhu.Get(job).status, 200);
  ASSERT_EQ(quanhu.Get(job + "/report").status, 200);
  const std::string profile_before = Serialize(JsonOf(admin.Get(village + "/profile")));

  const std::string household_body = Serialize(HouseholdBody(
      kQuanhuHousehold, "改名", Text(household_before, "head_id_number"), kQuanhuVillage));
  const std::string new_household = Serialize(
      HouseholdBody("T-SCOPE-1", "越界", ValidId("620902", "19800101", 11), kQuanhuVillage));
  boost::json::object person_body = PersonBody(kQuanhuHousehold, "改名", Text(person, "id_number"));
  person_body["relation"] = Text(person, "relation");
  const std::string new_person =
      Serialize(PersonBody(kQuanhuHousehold, "越界", ValidId("620902", "19800101", 12)));

  const std::vector<Probe> probes = {
      {"GET", QuanhuPath(), "", {404}},
      {"GET", QuanhuPath() + "/members", "", {404}},
      {"PUT", QuanhuPath(), household_body, {404}},
      {"DELETE", QuanhuPath(), "", {404}},
      {"POST", "/households", new_household, {403, 404}},
      {"GET", person_path, "", {404}},
      {"PUT", person_path, Serialize(person_body), {404}},
      {"DELETE", person_path, "", {404}},
      {"POST", "/persons", new_person, {403, 404}},
      {"GET", std::string("/regions/") + kQuanhu, "", {404}},
      {"GET", std::string("/regions/") + kQuanhu + "/children", "", {404}},
      {"GET", village, "", {404}},
      {"GET", village + "/children", "", {404}},
      {"GET", village + "/profile", "", {404}},
      {"PUT", village + "/profile", R"({"notes":"越界"})", {404}},
      {"GET", std::string("/regions/") + kQuanhu + "/profile", "", {404}},
      {"GET", "/regions/62", "", {404}},  // the province is above the office's scope
      {"GET", std::string("/stats?region=") + kQuanhu, "", {404}},
      {"GET", std::string("/stats?region=") + kQuanhuVillage, "", {404}},
      {"GET", "/stats?region=62", "", {404}},
      {"GET", std::string("/stats/children?region=") + kQuanhu, "", {404}},
      {"GET", job, "", {404}},
      {"GET", job + "/report", "", {404}},
  };
  ExpectProbes(As(kGancaodianOffice), probes);

  // The same from 泉湖 towards 甘草店镇, and from 泉湖's leader.
  const std::string gancaodian_household =
      Text(Items(JsonOf(admin.Get(std::string("/households?size=1&region=") + kGancaodian)))[0],
           "household_no");
  const std::vector<Probe> mirrored = {
      {"GET", "/households/" + gancaodian_household, "", {404}},
      {"GET", "/households/" + gancaodian_household + "/members", "", {404}},
      {"GET", std::string("/regions/") + kGancaodian + "/children", "", {404}},
      {"GET", std::string("/stats?region=") + kGancaodian, "", {404}},
  };
  ExpectProbes(quanhu, mirrored);
  ExpectProbes(As(kQuanhuLeader), mirrored);

  // Nothing changed, nothing was created.
  EXPECT_EQ(Serialize(JsonOf(admin.Get(QuanhuPath()))), Serialize(household_before));
  EXPECT_EQ(Text(JsonOf(admin.Get(person_path)), "name"), Text(person, "name"));
  EXPECT_EQ(Serialize(JsonOf(admin.Get(village + "/profile"))), profile_before);
  EXPECT_EQ(admin.Get("/households/T-SCOPE-1").status, 404);
  EXPECT_EQ(Int(JsonOf(admin.Get("/persons?q=" + ValidId("620902", "19800101", 12))), "total"), 0);
}

TEST_F(HttpScopeTest, ListsCountsSearchesExportsAndStatisticsExcludeAnotherTownship) {
  const ApiSession& admin = As(kAdmin);
  const ApiSession& office = As(kGancaodianOffice);
  const std::int64_t all = Total(admin, "/households");
  const std::int64_t own = Total(admin, std::string("/households?region=") + kGancaodian);
  const std::int64_t quanhu = Total(admin, std::string("/households?region=") + kQuanhu);
  ASSERT_GT(own, 0);
  ASSERT_GT(quanhu, 0);
  ASSERT_GE(all, own + quanhu);

  // Lists: the total counts only the office's own, every page holds only its own.
  EXPECT_EQ(Total(office, "/households"), own);
  EXPECT_EQ(Total(office, "/households?region=62"), own);
  EXPECT_EQ(Total(office, "/households?category=subsistence"),
            Total(admin, std::string("/households?category=subsistence&region=") + kGancaodian));
  const std::int64_t last_page = (own + 199) / 200;
  for (const std::string& page : {std::string("1"), std::to_string(last_page)}) {
    for (const char* sort : {"household_no", "-household_no", "-per_capita_income"}) {
      const HttpResponse list = office.Get("/households?size=200&page=" + page + "&sort=" + sort);
      ASSERT_EQ(list.status, 200) << list.Describe();
      const boost::json::array items = Items(JsonOf(list));
      EXPECT_FALSE(items.empty()) << "page " << page;
      for (const boost::json::value& item : items) {
        EXPECT_EQ(Text(item.at("village"), "code").rfind(kGancaodian, 0), 0u) << Serialize(item);
      }
    }
  }
  for (const std::string& region :
       {std::string(kQuanhu), std::string(kQuanhuVillage), std::string(kHuangcha)}) {
    SCOPED_TRACE(region);
    const HttpResponse list = office.Get("/households?region=" + region);
    EXPECT_EQ(Int(JsonOf(list), "total"), 0);
    EXPECT_TRUE(Items(JsonOf(list)).empty());
    EXPECT_EQ(Total(office, "/persons?region=" + region), 0);
  }
  EXPECT_EQ(Total(office, "/persons"), Total(admin, std::string("/persons?region=") + kGancaodian));

  // Searches by name, number and ID number find 泉湖's household for the administrator only.
  const boost::json::value household =
      JsonOf(admin.Get(std::string("/households/") + kQuanhuHousehold));
  for (const std::string& q : {Text(household, "head_name"), std::string(kQuanhuHousehold),
                               Text(household, "head_id_number")}) {
    SCOPED_TRACE(q);
    EXPECT_GE(Total(admin, "/households?q=" + UrlEncode(q)), 1);
    EXPECT_EQ(Total(office, "/households?q=" + UrlEncode(q)), 0);
  }
  const std::string member_id = Text(QuanhuPerson(), "id_number");
  EXPECT_EQ(Total(admin, "/persons?q=" + member_id), 1);
  EXPECT_EQ(Total(office, "/persons?q=" + member_id), 0);

  // Exports: the office's own rows only; none at all for 泉湖.
  const auto rows = Export(office, "/households/export?format=csv");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(static_cast<std::int64_t>(rows.size()) - 1, own);
  const std::size_t village = Column(rows, "所属村代码");
  for (std::size_t index = 1; index < rows.size(); ++index) {
    ASSERT_GT(rows[index].size(), village);
    EXPECT_EQ(rows[index][village].rfind(kGancaodian, 0), 0u) << rows[index][0];
  }
  for (const std::string& path :
       {std::string("/households/export?format=csv&region=") + kQuanhu,
        std::string("/persons/export?format=csv&region=") + kQuanhu,
        std::string("/households/export?format=csv&q=") + kQuanhuHousehold}) {
    SCOPED_TRACE(path);
    const auto only_header = Export(office, path);
    EXPECT_EQ(only_header.size(), 1u);
  }
  const auto admin_rows =
      Export(admin, std::string("/households/export?format=csv&region=") + kQuanhu);
  EXPECT_EQ(static_cast<std::int64_t>(admin_rows.size()) - 1, quanhu);
  const HttpResponse xlsx =
      office.Get(std::string("/households/export?format=xlsx&region=") + kQuanhu);
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(LooksLikeXlsx(xlsx.body));
  EXPECT_LT(xlsx.body.size(),
            admin.Get(std::string("/households/export?format=xlsx&region=") + kQuanhu).body.size());

  // Statistics: the office's own township only, counting the same.
  const HttpResponse own_stats = office.Get(std::string("/stats?region=") + kGancaodian);
  ASSERT_EQ(own_stats.status, 200) << own_stats.Describe();
  EXPECT_EQ(Int(JsonOf(own_stats), "households"), own);
  EXPECT_EQ(office.Get(std::string("/stats/children?region=") + kGancaodian).status, 200);

  // Regions: the tree starts at the township; searches stay inside it.
  const boost::json::array roots = Items(JsonOf(office.Get("/regions/roots")));
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(Text(roots[0], "code"), kGancaodian);
  const std::string quanhu_village_name =
      Text(JsonOf(admin.Get(std::string("/regions/") + kQuanhuVillage)), "name");
  for (const std::string& name : {std::string("泉湖"), quanhu_village_name}) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(Items(JsonOf(admin.Get("/regions?search=" + UrlEncode(name)))).empty());
    EXPECT_TRUE(Items(JsonOf(office.Get("/regions?search=" + UrlEncode(name)))).empty());
  }
  EXPECT_EQ(Items(JsonOf(office.Get("/regions?search=" + UrlEncode("三墩营")))).size(), 1u);

  // Imports: the office's list holds its own jobs only.
  for (const boost::json::value& job : Items(JsonOf(office.Get("/imports")))) {
    EXPECT_EQ(Text(job, "file_name").rfind("q.csv", 0), std::string::npos) << Serialize(job);
  }
}

TEST_F(HttpScopeTest, CadreWhoIsNoHelperYetSeesNothing) {
  const boost::json::value person = QuanhuPerson();
  const std::string person_path = "/persons/" + std::to_string(Int(person, "id"));
  const std::string household_body =
      Serialize(HouseholdBody("T-CADRE-1", "干部", ValidId("620123", "19800101", 21)));
  const ApiSession& cadre = As(kUnpairedCadre);
  struct Row {
    std::string path;
    int status;  // 200: an empty answer, checked below
  };
  const std::vector<Row> reads = {
      {"/households", 200},
      {std::string("/households?region=") + kQuanhu, 200},
      {"/households?q=" + UrlEncode(Text(JsonOf(As(kAdmin).Get(QuanhuPath())), "head_name")), 200},
      {"/households?q=" + std::string(kQuanhuHousehold), 200},
      {QuanhuPath(), 404},
      {QuanhuPath() + "/members", 404},
      {"/persons", 200},
      {"/persons?q=" + Text(person, "id_number"), 200},
      {person_path, 404},
      // What the role holds no permission for at all.
      {"/households/export?format=csv", 403},
      {"/persons/export?format=csv", 403},
      {std::string("/stats?region=") + kQuanhu, 403},
      {std::string("/stats/children?region=") + kGancaodian, 403},
      {"/regions/roots", 403},
      {std::string("/regions/") + kQuanhu, 403},
      {std::string("/regions/") + kQuanhu + "/children", 403},
      {"/regions?search=" + UrlEncode("泉湖"), 403},
      {std::string("/regions/") + kQuanhuVillage + "/profile", 403},
      {"/imports", 403},
      {"/audit", 403},
      {"/users", 403},
  };
  for (const Row& row : reads) {
    SCOPED_TRACE("GET " + row.path);
    const HttpResponse response = cadre.Get(row.path);
    ASSERT_EQ(response.status, row.status) << response.Describe();
    if (row.status != 200) {
      EXPECT_TRUE(IsError(response, row.status));
      continue;
    }
    const boost::json::value body = JsonOf(response);
    EXPECT_TRUE(Items(body).empty()) << response.Describe();
    EXPECT_EQ(Int(body, "total"), 0);
  }
  const std::vector<Probe> writes = {
      {"POST", "/households", household_body, {403}},
      {"PUT", QuanhuPath(), household_body, {403, 404}},
      {"DELETE", QuanhuPath(), "", {403, 404}},
      {"POST",
       "/persons",
       Serialize(PersonBody(kQuanhuHousehold, "干部", ValidId("620902", "19800101", 22))),
       {403}},
      {"DELETE", person_path, "", {403, 404}},
      {"PUT",
       std::string("/regions/") + kQuanhuVillage + "/profile",
       R"({"notes":"x"})",
       {403, 404}},
      {"POST", "/imports?kind=households&file_name=a.csv", "户编号\n", {403}},
  };
  ExpectProbes(cadre, writes);
  const boost::json::value me = JsonOf(cadre.Get("/me"));
  EXPECT_EQ(me.at("user").at("sees_personal_data"), false);
  EXPECT_EQ(cadre.Get("/dictionaries").status, 200);
  EXPECT_EQ(As(kAdmin).Get("/households/T-CADRE-1").status, 404);
  EXPECT_EQ(As(kAdmin).Get(QuanhuPath()).status, 200);
}

// The households a cadre or a unit administrator may see, read from the pairings table: a
// cadre's paired households; a unit's villages and the households its helpers are paired
// with (docs/api.md, Roles).
std::set<std::string> PairedHouseholds(const std::string& db, const std::string& username) {
  auto database = store::OpenDatabase(db);
  const std::string sql =
      "SELECT h.household_no FROM households h, users u WHERE u.username = $1 AND ("
      "EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.end_date IS NULL AND "
      "        p.helper_id = u.helper_id) OR "
      "EXISTS (SELECT 1 FROM pairings p JOIN helpers e ON e.id = p.helper_id WHERE p.household_id "
      "= h.id AND "
      "        p.end_date IS NULL AND e.unit_id = u.unit_id) OR "
      "EXISTS (SELECT 1 FROM pairings p WHERE p.village_code = h.village_code AND p.unit_id = "
      "u.unit_id AND "
      "        p.end_date IS NULL AND p.household_id IS NULL AND p.group_code IS NULL))";
  std::set<std::string> numbers;
  for (const store::RowView row : database->Query(sql, {store::Param(username)})) {
    numbers.insert(row.Text(0));
  }
  return numbers;
}

std::set<std::string> ListedHouseholds(const ApiSession& session, std::int64_t* total) {
  std::set<std::string> numbers;
  for (int page = 1; page < 100; ++page) {
    const HttpResponse list = session.Get("/households?size=200&page=" + std::to_string(page));
    EXPECT_EQ(list.status, 200) << list.Describe();
    const boost::json::value body = JsonOf(list);
    *total = Int(body, "total");
    const boost::json::array items = Items(body);
    for (const boost::json::value& item : items) {
      numbers.insert(Text(item, "household_no"));
    }
    if (items.size() < 200) {
      break;
    }
  }
  return numbers;
}

TEST_F(HttpScopeTest, PairedCadreAndUnitAdministratorSeeOnlyTheirPairings) {
  for (const char* who : {kCadre, kUnitAdmin}) {
    SCOPED_TRACE(who);
    const ApiSession& session = As(who);
    const std::set<std::string> expected = PairedHouseholds(registry().db(), who);
    ASSERT_FALSE(expected.empty()) << "the demo pairs " << who;
    std::int64_t total = -1;
    EXPECT_EQ(ListedHouseholds(session, &total), expected);
    EXPECT_EQ(total, static_cast<std::int64_t>(expected.size()));

    // One of theirs: readable, masked; any other: 404, as are its members.
    const HttpResponse own = session.Get("/households/" + UrlEncode(*expected.begin()));
    ASSERT_EQ(own.status, 200) << own.Describe();
    EXPECT_NE(Text(JsonOf(own), "head_id_number").find("********"), std::string::npos);
    int others = 0;
    for (const char* region : {kQuanhu, kGancaodian, kHuangcha}) {
      for (const boost::json::value& item :
           Items(JsonOf(As(kAdmin).Get(std::string("/households?size=50&region=") + region)))) {
        const std::string number = Text(item, "household_no");
        if (!expected.contains(number) && others++ < 5) {
          EXPECT_TRUE(IsError(session.Get("/households/" + UrlEncode(number)), 404, "not_found"))
              << number;
          EXPECT_TRUE(IsError(session.Get("/households/" + UrlEncode(number) + "/members"), 404))
              << number;
        }
      }
    }
    EXPECT_GE(others, 5);
    // Persons: the members of those households only.
    std::int64_t persons = 0;
    for (const std::string& number : expected) {
      persons += static_cast<std::int64_t>(
          Items(JsonOf(As(kAdmin).Get("/households/" + UrlEncode(number) + "/members"))).size());
      if (persons > 2000) {
        break;
      }
    }
    if (persons <= 2000) {
      EXPECT_EQ(Total(session, "/persons"), persons);
    }
    // Statistics of a region are not theirs to see; exports and writes are refused.
    EXPECT_TRUE(IsError(session.Get(std::string("/stats?region=") + kGancaodian),
                        std::string(who) == kCadre ? 403 : 404));
    EXPECT_TRUE(IsError(session.Get("/households/export?format=csv"), 403));
    EXPECT_TRUE(IsError(session.Delete("/households/" + *expected.begin()), 403));
  }
}

TEST_F(HttpScopeTest, LeaderReadsMaskedPersonalDataAndCannotWrite) {
  const ApiSession& office = As(kQuanhuOffice);
  const ApiSession& leader = As(kQuanhuLeader);
  const HttpResponse full = office.Get(QuanhuPath());
  const HttpResponse masked = leader.Get(QuanhuPath());
  ASSERT_EQ(full.status, 200) << full.Describe();
  ASSERT_EQ(masked.status, 200) << masked.Describe();
  const boost::json::value unmasked_household = JsonOf(full);
  const boost::json::value masked_household = JsonOf(masked);
  const std::string profile_path = std::string("/regions/") + kQuanhuVillage + "/profile";
  const std::string profile_before = Serialize(JsonOf(office.Get(profile_path)));

  // The office sees the numbers whole, as the administrator does.
  const std::string id = Text(unmasked_household, "head_id_number");
  const std::string phone = Text(unmasked_household, "phone");
  ASSERT_TRUE(std::regex_match(id, std::regex("[0-9]{17}[0-9X]"))) << id;
  ASSERT_TRUE(std::regex_match(phone, std::regex("1[0-9]{10}"))) << phone;
  EXPECT_EQ(id, Text(JsonOf(As(kAdmin).Get(QuanhuPath())), "head_id_number"));

  // The leader sees 620902********0014 and 159****3706.
  EXPECT_EQ(Text(masked_household, "head_id_number"), id.substr(0, 6) + "********" + id.substr(14));
  EXPECT_EQ(Text(masked_household, "phone"), phone.substr(0, 3) + "****" + phone.substr(7));
  EXPECT_EQ(Text(masked_household, "head_name"), Text(unmasked_household, "head_name"));
  const std::string bank = Text(unmasked_household, "bank_account");
  if (!bank.empty()) {
    EXPECT_NE(Text(masked_household, "bank_account"), bank);
    EXPECT_NE(Text(masked_household, "bank_account").find('*'), std::string::npos);
  }
  const boost::json::array members = unmasked_household.at("member_list").as_array();
  ASSERT_FALSE(members.empty());
  const std::regex masked_id("[0-9]{6}\\*{8}[0-9]{3}[0-9X]");
  for (const boost::json::value& member : masked_household.at("member_list").as_array()) {
    EXPECT_TRUE(std::regex_match(Text(member, "id_number"), masked_id)) << Serialize(member);
  }
  // Nowhere in any of the leader's answers is a whole number of these people.
  const std::string person_path = "/persons/" + std::to_string(Int(members[0], "id"));
  const std::vector<std::string> paths = {
      QuanhuPath(),
      QuanhuPath() + "/members",
      person_path,
      std::string("/households?region=") + kQuanhuVillage + "&size=200",
      std::string("/persons?region=") + kQuanhuVillage + "&size=200",
      "/households?q=" + id,
      std::string("/households/export?format=csv&region=") + kQuanhuVillage,
      std::string("/persons/export?format=csv&region=") + kQuanhuVillage,
  };
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const HttpResponse leader_answer = leader.Get(path);
    const HttpResponse office_answer = office.Get(path);
    ASSERT_EQ(leader_answer.status, 200) << leader_answer.Describe();
    EXPECT_EQ(leader_answer.body.find(id), std::string::npos);
    EXPECT_EQ(leader_answer.body.find(phone), std::string::npos);
    EXPECT_NE(office_answer.body.find(id), std::string::npos);
    for (const boost::json::value& member : members) {
      EXPECT_EQ(leader_answer.body.find(Text(member, "id_number")), std::string::npos);
    }
  }
  const auto exported =
      ParseCsv(leader.Get(std::string("/households/export?format=csv&region=") + kQuanhu).body);
  ASSERT_GT(exported.size(), 1u);
  std::size_t id_column = 0;
  while (id_column < exported[0].size() && exported[0][id_column] != "户主证件号码") {
    ++id_column;
  }
  ASSERT_LT(id_column, exported[0].size());
  for (std::size_t row = 1; row < exported.size(); ++row) {
    ASSERT_TRUE(std::regex_match(exported[row][id_column], masked_id)) << exported[row][id_column];
  }

  // Reads of everything else in scope work; every write is refused with 403.
  EXPECT_EQ(leader.Get(std::string("/stats?region=") + kQuanhu).status, 200);
  EXPECT_EQ(leader.Get(std::string("/regions/") + kQuanhuVillage + "/profile").status, 200);
  EXPECT_EQ(leader.Get(std::string("/regions/") + kQuanhu + "/children").status, 200);
  const std::string new_id = ValidId("620902", "19800101", 31);
  const std::vector<Probe> writes = {
      {"POST",
       "/households",
       Serialize(HouseholdBody("T-LEAD-1", "领导", new_id, kQuanhuVillage)),
       {403}},
      {"PUT",
       QuanhuPath(),
       Serialize(HouseholdBody(kQuanhuHousehold, "改名", id, kQuanhuVillage)),
       {403}},
      {"DELETE", QuanhuPath(), "", {403}},
      {"POST", "/persons", Serialize(PersonBody(kQuanhuHousehold, "领导", new_id)), {403}},
      {"PUT",
       person_path,
       Serialize(PersonBody(kQuanhuHousehold, "改名", Text(members[0], "id_number"))),
       {403}},
      {"DELETE", person_path, "", {403}},
      {"PUT",
       std::string("/regions/") + kQuanhuVillage + "/profile",
       R"({"notes":"领导改的"})",
       {403}},
      {"POST", "/imports?kind=households&file_name=a.csv", "户编号\n", {403}},
      {"POST", "/users", R"({"username":"t-lead","role":"admin","password":"Leader-123"})", {403}},
      {"GET", "/audit", "", {403}},
  };
  ExpectProbes(leader, writes);
  EXPECT_EQ(Serialize(JsonOf(office.Get(QuanhuPath()))), Serialize(unmasked_household));
  EXPECT_EQ(office.Get(person_path).status, 200);
  EXPECT_EQ(Serialize(JsonOf(office.Get(profile_path))), profile_before);
  EXPECT_EQ(office.Get("/households/T-LEAD-1").status, 404);
}

TEST_F(HttpScopeTest, UnmaskedReadsAreAuditedWithinASecondMaskedOnesAreNot) {
  const ApiSession& admin = As(kAdmin);
  const ApiSession& office = As(kQuanhuOffice);
  const ApiSession& leader = As(kQuanhuLeader);
  const auto entries = [&](const std::string& query) {
    return Items(JsonOf(admin.Get("/audit?" + query)));
  };

  const auto read_at = std::chrono::steady_clock::now();
  ASSERT_EQ(office.Get(QuanhuPath()).status, 200);
  const std::string one =
      std::string("username=quanhu-office&action=read_personal&entity=household&entity_key=") +
      kQuanhuHousehold;
  ASSERT_TRUE(Eventually([&] { return !entries(one).empty(); }, std::chrono::seconds(3)));
  EXPECT_LT(std::chrono::steady_clock::now() - read_at, std::chrono::milliseconds(1500));
  const boost::json::value entry = entries(one)[0];
  EXPECT_EQ(Text(entry, "ip"), "127.0.0.1");
  EXPECT_FALSE(Text(entry, "at").empty());

  // A page of a list: one entry naming every household on it.
  ASSERT_EQ(office.Get(std::string("/households?size=3&region=") + kQuanhuVillage).status, 200);
  ASSERT_TRUE(Eventually([&] {
    for (const boost::json::value& item :
         entries("username=quanhu-office&action=read_personal&entity=household")) {
      const std::string keys = Text(item, "entity_key");
      if (keys.find(',') != std::string::npos && keys.find(kQuanhuHousehold) != std::string::npos) {
        return true;
      }
    }
    return false;
  }));
  // A person, and an export.
  const std::string person_id = std::to_string(Int(QuanhuPerson(), "id"));
  ASSERT_EQ(office.Get("/persons/" + person_id).status, 200);
  ASSERT_EQ(
      office.Get(std::string("/households/export?format=csv&region=") + kQuanhuVillage).status,
      200);
  EXPECT_TRUE(Eventually([&] {
    return !entries("username=quanhu-office&action=read_personal&entity=person&entity_key=" +
                    person_id)
                .empty() &&
           !entries("username=quanhu-office&action=read_personal&entity=household_export").empty();
  }));

  // The leader's masked reads leave no such entry.
  ASSERT_EQ(leader.Get(QuanhuPath()).status, 200);
  ASSERT_EQ(leader.Get(std::string("/households?region=") + kQuanhuVillage).status, 200);
  ASSERT_EQ(
      leader.Get(std::string("/households/export?format=csv&region=") + kQuanhuVillage).status,
      200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_TRUE(entries("username=quanhu-leader&action=read_personal").empty());
}

}  // namespace
}  // namespace shuanglian::testing
