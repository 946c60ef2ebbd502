// Field work over HTTP (issue 7) on a real `shuanglian serve` of the demo registry: each kind
// of record created, read and changed by client UUID with its version (a stale change is a
// 409 carrying the server's copy); the offline upload POST /sync (NDJSON, one transaction a
// line: a repeated line stored once, a bad line named by number and field while the others
// are kept, an upload cut halfway keeping its whole lines and completed by the retry); photos
// uploaded once and a second use reported; /progress and /progress/me; a cadre who can
// neither read nor write another cadre's records; a read-only leader; and the audit trail.
//
// The server's day is 2026-11-29 (SHUANGLIAN_TODAY); the demo's field work is of 2012, so the
// records of these tests are of 2026, each test in a month of its own.

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/http_fixture.h"
#include "store/sha256.h"

namespace shuanglian::testing {
namespace {

constexpr const char* kSecondCadre = "t-fieldwork-two";
constexpr const char* kGancaodianLeader = "t-fieldwork-leader";

// A record's value at a JSON path of object keys; null when absent.
boost::json::value At(const boost::json::value& value,
                      std::initializer_list<std::string_view> keys) {
  const boost::json::value* current = &value;
  for (const std::string_view key : keys) {
    if (!current->is_object() || !current->as_object().contains(key)) {
      return nullptr;
    }
    current = &current->as_object().at(key);
  }
  return *current;
}

std::int64_t VersionOf(const boost::json::value& record) {
  const boost::json::value version = At(record, {"meta", "version"});
  return version.is_int64() ? version.as_int64() : -1;
}

std::string ErrorCode(const HttpResponse& response) {
  const boost::json::value code = At(JsonOf(response), {"error", "code"});
  return code.is_string() ? std::string(code.as_string()) : "";
}

class HttpFieldworkTest : public HttpSuite {
 protected:
  struct Cadre {
    std::int64_t helper_id = 0;
    std::string phone;
    std::vector<std::string> households;      // in `village`
    std::vector<std::string> all_households;  // in any village
    std::string village;
  };

  // The cadre-demo account's helper, households and their village, as the cadre sees them.
  Cadre CadreDemo() {
    const HttpResponse pairings = As(kCadre).Get("/pairings?size=200");
    EXPECT_EQ(pairings.status, 200) << pairings.Describe();
    Cadre cadre;
    for (const boost::json::value& pairing : Items(JsonOf(pairings))) {
      if (!At(pairing, {"household"}).is_object() || !At(pairing, {"helper"}).is_object()) {
        continue;
      }
      cadre.helper_id = At(pairing, {"helper", "id"}).as_int64();
      cadre.phone = std::string(At(pairing, {"helper", "phone"}).as_string());
      const std::string village_text(At(pairing, {"village_code"}).as_string());
      if (cadre.village.empty()) {
        cadre.village = village_text;
      }
      const std::string number(At(pairing, {"household", "household_no"}).as_string());
      if (village_text == cadre.village) {
        cadre.households.push_back(number);
      }
      cadre.all_households.push_back(number);
    }
    EXPECT_FALSE(cadre.households.empty()) << "cadre-demo should hold households";
    return cadre;
  }

  // Another cadre of 甘草店镇 with households, as the township's office sees them.
  Cadre OtherCadre(std::int64_t except) {
    const HttpResponse pairings =
        As(kGancaodianOffice).Get("/pairings?kind=cadre_household&size=200");
    EXPECT_EQ(pairings.status, 200) << pairings.Describe();
    Cadre cadre;
    for (const boost::json::value& pairing : Items(JsonOf(pairings))) {
      if (!At(pairing, {"helper"}).is_object() || !At(pairing, {"household"}).is_object()) {
        continue;
      }
      const std::int64_t helper = At(pairing, {"helper", "id"}).as_int64();
      if (helper == except || (cadre.helper_id != 0 && helper != cadre.helper_id)) {
        continue;
      }
      cadre.helper_id = helper;
      cadre.phone = std::string(At(pairing, {"helper", "phone"}).as_string());
      cadre.households.emplace_back(At(pairing, {"household", "household_no"}).as_string());
    }
    EXPECT_NE(cadre.helper_id, 0) << "no second cadre in 甘草店镇";
    return cadre;
  }

  // An account for another cadre (made once, by the administrator).
  ApiSession SecondCadre(std::int64_t helper_id) {
    const HttpResponse made =
        As(kAdmin).Post("/users", Serialize(boost::json::object{{"username", kSecondCadre},
                                                                {"role", "cadre"},
                                                                {"helper_id", helper_id},
                                                                {"password", kExtraPassword}}));
    EXPECT_TRUE(made.status == 201 || made.status == 409) << made.Describe();
    return ApiSession::SignIn(port(), kSecondCadre, kExtraPassword);
  }

  // A leader of 甘草店镇: reads the township, writes nothing.
  ApiSession Leader() {
    const HttpResponse made =
        As(kAdmin).Post("/users", Serialize(boost::json::object{{"username", kGancaodianLeader},
                                                                {"role", "leader"},
                                                                {"region_code", kGancaodian},
                                                                {"password", kExtraPassword}}));
    EXPECT_TRUE(made.status == 201 || made.status == 409) << made.Describe();
    return ApiSession::SignIn(port(), kGancaodianLeader, kExtraPassword);
  }

  static std::string Diary(const std::string& uuid, const std::string& day,
                           const std::string& village, const std::string& text) {
    return Serialize(boost::json::object{
        {"client_uuid", uuid}, {"day", day}, {"village_code", village}, {"text", text}});
  }

  // The records of a kind a session lists between two days, by UUID.
  static std::map<std::string, boost::json::value> Listed(const ApiSession& session,
                                                          const std::string& kind,
                                                          const std::string& from,
                                                          const std::string& to) {
    const HttpResponse list = session.Get("/" + kind + "?size=200&from=" + from + "&to=" + to);
    EXPECT_EQ(list.status, 200) << list.Describe();
    std::map<std::string, boost::json::value> records;
    std::map<std::string, int> seen;
    for (const boost::json::value& item : Items(JsonOf(list))) {
      const std::string uuid(item.at("client_uuid").as_string());
      ++seen[uuid];
      records[uuid] = item;
    }
    for (const auto& [uuid, count] : seen) {
      EXPECT_EQ(count, 1) << uuid << " listed " << count << " times";
    }
    return records;
  }

  // The administrator's view of the audit entries of one record.
  static boost::json::array Audit(const std::string& entity, const std::string& key,
                                  const std::string& action) {
    const HttpResponse response = As(kAdmin).Get(
        "/audit?size=200&entity=" + entity + "&entity_key=" + UrlEncode(key) + "&action=" + action);
    EXPECT_EQ(response.status, 200) << response.Describe();
    return Items(JsonOf(response));
  }

  static boost::json::array SyncResults(const HttpResponse& response) {
    const boost::json::value body = JsonOf(response);
    if (!body.is_object() || !body.as_object().contains("results")) {
      ADD_FAILURE() << response.Describe();
      return {};
    }
    return body.at("results").as_array();
  }

  static const boost::json::object* LineOf(const boost::json::array& results, std::int64_t line) {
    for (const boost::json::value& result : results) {
      if (result.at("line").as_int64() == line) {
        return &result.as_object();
      }
    }
    ADD_FAILURE() << "no result for line " << line << " in " << Serialize(results);
    return nullptr;
  }

  static HttpResponse Sync(const ApiSession& session, const std::string& body) {
    return session.Send("POST", "/sync", body, {{"Content-Type", "application/x-ndjson"}});
  }
};

// A deleted household's pairings end with it, and no household added later takes its id:
// pairings, visits and aid keep the id as history, and on SQLite the next household once got
// it, with the deleted one's pairings, so its cadre saw a stranger's household.
TEST_F(HttpFieldworkTest, ADeletedHouseholdsPairingsEndAndNoNewHouseholdTakesItsPlace) {
  const Cadre cadre = CadreDemo();
  const ApiSession& office = As(kGancaodianOffice);
  const ApiSession& mine = As(kCadre);
  const auto cadre_pairings = [&] {
    return Int(JsonOf(office.Get("/pairings?kind=cadre_household&size=1&helper_id=" +
                                 std::to_string(cadre.helper_id))),
               "total");
  };
  const auto create = [&](const std::string& number, const std::string& head, int sequence) {
    return office
        .Post("/households",
              Serialize(HouseholdBody(number, head, ValidId("620123", "19700101", sequence),
                                      cadre.village)))
        .status;
  };
  const std::int64_t pairs_before = cadre_pairings();
  ASSERT_EQ(create("T-REUSE-1", "旧户", 991), 201);
  const HttpResponse paired =
      office.Post("/pairings", Serialize(boost::json::object{{"kind", "cadre_household"},
                                                             {"helper_id", cadre.helper_id},
                                                             {"household_no", "T-REUSE-1"}}));
  ASSERT_EQ(paired.status, 201) << paired.Describe();
  ASSERT_EQ(mine.Get("/households/T-REUSE-1").status, 200);
  ASSERT_EQ(office.Delete("/households/T-REUSE-1").status, 204);
  EXPECT_EQ(cadre_pairings(), pairs_before) << "the deleted household's pairing still counts";
  ASSERT_EQ(create("T-REUSE-2", "新户", 993), 201);
  EXPECT_TRUE(IsError(mine.Get("/households/T-REUSE-2"), 404, "not_found"))
      << "the new household took the deleted one's pairing";
}

TEST_F(HttpFieldworkTest, EveryKindIsCreatedReadAndChangedByItsUuidAndVersion) {
  const Cadre cadre = CadreDemo();
  ASSERT_FALSE(cadre.households.empty());
  const ApiSession& session = As(kCadre);
  const std::string day = "2026-01-05";
  struct Kind {
    std::string path;
    boost::json::object body;
    std::string key;  // a field changed by the edit
    boost::json::value changed;
  };
  const std::string& household = cadre.households[0];
  std::vector<Kind> kinds = {
      {"stationed-days",
       {{"client_uuid", "t-kind-stationed"},
        {"day", day},
        {"village_code", cadre.village},
        {"location", "村委会"}},
       "location",
       "二社"},
      {"visits",
       {{"client_uuid", "t-kind-visit"},
        {"day", day},
        {"village_code", cadre.village},
        {"household_nos", boost::json::array{household}},
        {"kinds", boost::json::array{"listen", "policy"}},
        {"learned", "春播缺化肥"}},
       "learned",
       "春播缺化肥和地膜，老人常年吃药"},
      {"diary",
       {{"client_uuid", "t-kind-diary"},
        {"day", day},
        {"village_code", cadre.village},
        {"text", "今天走访了一户，春播缺化肥。"}},
       "text",
       "今天走访了一户，春播缺化肥和地膜。"},
      {"problems",
       {{"client_uuid", "t-kind-problem"},
        {"household_no", household},
        {"village_code", cadre.village},
        {"category", "production"},
        {"description", "春播缺化肥"},
        {"raised_on", day}},
       "description",
       "春播缺化肥，希望协调赊购"},
      {"suggestions",
       {{"client_uuid", "t-kind-suggestion"},
        {"day", day},
        {"village_code", cadre.village},
        {"addressee", "village"},
        {"content", "建议成立马铃薯营销协会"}},
       "content",
       "建议成立马铃薯营销协会，统一对外销售"},
      {"aid",
       {{"client_uuid", "t-kind-aid"},
        {"day", day},
        {"giver_kind", "helper"},
        {"giver_phone", cadre.phone},
        {"receiver_kind", "household"},
        {"household_no", household},
        {"village_code", cadre.village},
        {"item", "化肥"},
        {"quantity", "2"},
        {"measure", "bag"},
        {"value_yuan", "160"}},
       "item",
       "复合肥"},
  };
  for (Kind& kind : kinds) {
    SCOPED_TRACE(kind.path);
    const std::string uuid(kind.body.at("client_uuid").as_string());
    const std::string path = "/" + kind.path;
    const HttpResponse created = session.Post(path, Serialize(kind.body));
    ASSERT_EQ(created.status, 201) << created.Describe();
    EXPECT_EQ(VersionOf(JsonOf(created)), 1);
    EXPECT_EQ(At(JsonOf(created), {"client_uuid"}), boost::json::value(uuid));
    // The same again (a retry): one record.
    const HttpResponse again = session.Post(path, Serialize(kind.body));
    EXPECT_EQ(again.status, 200) << again.Describe();
    EXPECT_EQ(VersionOf(JsonOf(again)), 1);
    const auto listed = Listed(session, kind.path, day, day);
    EXPECT_TRUE(listed.contains(uuid));
    // Read back.
    const HttpResponse read = session.Get(path + "/" + uuid);
    ASSERT_EQ(read.status, 200) << read.Describe();
    EXPECT_EQ(At(JsonOf(read), {kind.key}), kind.body.at(kind.key));
    // Changed with the version it was read at.
    boost::json::object edit = kind.body;
    edit[kind.key] = kind.changed;
    edit["version"] = 1;
    const HttpResponse changed = session.Put(path + "/" + uuid, Serialize(edit));
    ASSERT_EQ(changed.status, 200) << changed.Describe();
    EXPECT_EQ(VersionOf(JsonOf(changed)), 2);
    EXPECT_EQ(At(JsonOf(changed), {kind.key}), kind.changed);
    // A second screen still at version 1: a conflict that carries the server's copy.
    boost::json::object stale = kind.body;
    stale["version"] = 1;
    const HttpResponse conflict = session.Put(path + "/" + uuid, Serialize(stale));
    EXPECT_TRUE(IsError(conflict, 409, "version_conflict"));
    const boost::json::value server = At(JsonOf(conflict), {"error", "details", "server"});
    EXPECT_EQ(VersionOf(server), 2) << conflict.Describe();
    EXPECT_EQ(At(server, {kind.key}), kind.changed);
    // Nothing was overwritten.
    const HttpResponse after = session.Get(path + "/" + uuid);
    EXPECT_EQ(VersionOf(JsonOf(after)), 2);
    EXPECT_EQ(At(JsonOf(after), {kind.key}), kind.changed);
    // Editing needs a version; an unknown record is not found.
    boost::json::object unversioned = kind.body;
    EXPECT_TRUE(IsError(session.Put(path + "/" + uuid, Serialize(unversioned)), 400));
    unversioned["version"] = 1;
    EXPECT_TRUE(
        IsError(session.Put(path + "/t-kind-none", Serialize(unversioned)), 404, "not_found"));
    EXPECT_TRUE(IsError(session.Get(path + "/t-kind-none"), 404, "not_found"));
  }
}

TEST_F(HttpFieldworkTest, BadRecordsAreRefusedNamingTheFieldAndNothingIsStored) {
  const Cadre cadre = CadreDemo();
  const Cadre other = OtherCadre(cadre.helper_id);
  ASSERT_FALSE(other.households.empty());
  const ApiSession& session = As(kCadre);
  ASSERT_EQ(
      session.Post("/diary", Diary("t-bad-1", "2026-02-01", cadre.village, "第一篇。")).status,
      201);
  ASSERT_EQ(
      session
          .Post("/stationed-days", Serialize(boost::json::object{{"client_uuid", "t-bad-s1"},
                                                                 {"day", "2026-02-01"},
                                                                 {"village_code", cadre.village}}))
          .status,
      201);

  struct Case {
    std::string what;
    std::string path;
    boost::json::object body;
    std::set<int> statuses;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"no text",
       "/diary",
       {{"client_uuid", "t-bad-2"}, {"day", "2026-02-02"}, {"village_code", cadre.village}},
       {400},
       "text",
       "required"},
      {"tomorrow",
       "/diary",
       {{"client_uuid", "t-bad-3"},
        {"day", "2026-11-30"},
        {"village_code", cadre.village},
        {"text", "明天的日记。"}},
       {400},
       "day",
       "date_in_future"},
      {"a second page for the day",
       "/diary",
       {{"client_uuid", "t-bad-4"},
        {"day", "2026-02-01"},
        {"village_code", cadre.village},
        {"text", "同一天又一篇。"}},
       {400, 409},
       "day",
       "duplicate_day"},
      // Regression (fixed): the one-a-day refusal of a stationed day names the column "日期", which
      // is the diary's field, not the stationed day's ("驻村日期"): the API's details carry no
      // field for the form to mark (src/store/fieldwork_store.cpp:181, CheckOnePerDay). Name the
      // caller's own date column.
      {"a second stationed day for the day",
       "/stationed-days",
       {{"client_uuid", "t-bad-s2"}, {"day", "2026-02-01"}, {"village_code", cadre.village}},
       {400, 409},
       "day",
       "duplicate_day"},
      {"a negative quantity",
       "/aid",
       {{"client_uuid", "t-bad-5"},
        {"day", "2026-02-01"},
        {"giver_kind", "helper"},
        {"giver_phone", cadre.phone},
        {"receiver_kind", "household"},
        {"household_no", cadre.households[0]},
        {"village_code", cadre.village},
        {"item", "化肥"},
        {"quantity", "-2"},
        {"measure", "bag"},
        {"value_yuan", "160"}},
       {400},
       "quantity",
       "negative"},
      {"another cadre's household",
       "/visits",
       {{"client_uuid", "t-bad-6"},
        {"day", "2026-02-01"},
        {"household_nos", boost::json::array{other.households[0]}},
        {"kinds", boost::json::array{"listen"}}},
       {400, 403, 404},
       "",
       ""},
      {"an unknown kind of work",
       "/visits",
       {{"client_uuid", "t-bad-7"},
        {"day", "2026-02-01"},
        {"village_code", cadre.village},
        {"household_nos", boost::json::array{cadre.households[0]}},
        {"kinds", boost::json::array{"喝茶"}}},
       {400},
       "kinds",
       "not_in_dictionary"},
      {"a new problem already solved",
       "/problems",
       {{"client_uuid", "t-bad-8"},
        {"household_no", cadre.households[0]},
        {"village_code", cadre.village},
        {"category", "production"},
        {"description", "缺化肥"},
        {"raised_on", "2026-02-01"},
        {"status", "solved"},
        {"result", "已协调赊购"}},
       {400, 409},
       "status",
       "use_workflow"},
  };
  for (const Case& refusal : cases) {
    SCOPED_TRACE(refusal.what);
    const HttpResponse response = session.Post(refusal.path, Serialize(refusal.body));
    EXPECT_TRUE(refusal.statuses.contains(response.status)) << response.Describe();
    EXPECT_TRUE(IsError(response, response.status));
    if (!refusal.field.empty()) {
      EXPECT_TRUE(DetailFields(response).contains(refusal.field)) << response.Describe();
      EXPECT_EQ(ErrorCode(response) == refusal.code ||
                    response.body.find("\"" + refusal.code + "\"") != std::string::npos,
                true)
          << response.Describe();
    }
    const std::string uuid(refusal.body.at("client_uuid").as_string());
    EXPECT_EQ(session.Get(refusal.path + "/" + uuid).status, 404) << "nothing stored";
  }
  EXPECT_EQ(Listed(session, "diary", "2026-02-01", "2026-02-28").size(), 1u);
}

TEST_F(HttpFieldworkTest, AProblemFollowsTheWorkflowAndCountsWhenSolved) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  const auto solved_now = [&] {
    return Int(JsonOf(session.Get("/progress/me?year=2026")), "problems_solved");
  };
  const std::int64_t before = solved_now();
  ASSERT_EQ(session
                .Post("/problems",
                      Serialize(boost::json::object{{"client_uuid", "t-flow-1"},
                                                    {"household_no", cadre.households[0]},
                                                    {"village_code", cadre.village},
                                                    {"category", "water"},
                                                    {"description", "吃水要到两里外的机井去拉"},
                                                    {"raised_on", "2026-03-01"}}))
                .status,
            201);
  const std::string path = "/problems/t-flow-1";
  const auto status_of = [&] { return Text(JsonOf(session.Get(path)), "status"); };
  EXPECT_EQ(status_of(), "registered");
  // Refused steps change nothing.
  EXPECT_TRUE(IsError(session.Post(path + "/transition", R"({"to":"solved","result":"已接通"})"),
                      400, "transition_forbidden"));
  EXPECT_TRUE(IsError(session.Post(path + "/transition", R"({"to":"leadership"})"), 400,
                      "transition_forbidden"));
  EXPECT_TRUE(IsError(session.Post(path + "/rating", R"({"satisfaction":"satisfied"})"), 400));
  EXPECT_EQ(status_of(), "registered");
  const HttpResponse handled =
      session.Post(path + "/transition", R"({"to":"in_progress","version":1})");
  ASSERT_EQ(handled.status, 200) << handled.Describe();
  EXPECT_EQ(Text(JsonOf(handled), "status"), "in_progress");
  std::set<std::string> next;
  const boost::json::value handled_json = JsonOf(handled);
  for (const boost::json::value& state : handled_json.at("next_statuses").as_array()) {
    next.insert(std::string(state.at("status").as_string()));
  }
  EXPECT_EQ(next, (std::set<std::string>{"solved", "reported"}));
  // A stale screen.
  EXPECT_TRUE(IsError(session.Post(path + "/transition", R"({"to":"reported","version":1})"), 409,
                      "version_conflict"));
  EXPECT_TRUE(
      IsError(session.Post(path + "/transition", R"({"to":"solved"})"), 400, "result_required"));
  EXPECT_EQ(solved_now(), before);
  const HttpResponse solved = session.Post(
      path + "/transition", R"({"to":"solved","result":"纳入村人饮工程二期，已接通自来水"})");
  ASSERT_EQ(solved.status, 200) << solved.Describe();
  EXPECT_EQ(solved_now(), before + 1);
  const HttpResponse rated = session.Post(path + "/rating", R"({"satisfaction":"satisfied"})");
  ASSERT_EQ(rated.status, 200) << rated.Describe();
  EXPECT_EQ(Text(JsonOf(rated), "satisfaction"), "satisfied");
  // Reopened: the count is taken back.
  ASSERT_EQ(session.Post(path + "/transition", R"({"to":"in_progress"})").status, 200);
  EXPECT_EQ(solved_now(), before);
  std::vector<std::string> steps;
  const boost::json::value history = JsonOf(session.Get(path));
  for (const boost::json::value& event : history.at("events").as_array()) {
    steps.emplace_back(event.at("to_status").as_string());
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"registered", "in_progress", "solved", "solved",
                                             "in_progress"}));
}

TEST_F(HttpFieldworkTest, SyncStoresEachLineOnceAndNamesTheBadLineByNumberAndField) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  // A record changed on the server meanwhile, for a conflict line.
  ASSERT_EQ(
      session.Post("/diary", Diary("t-sync-edited", "2026-04-20", cadre.village, "初稿。")).status,
      201);
  ASSERT_EQ(session
                .Put("/diary/t-sync-edited",
                     Serialize(boost::json::object{{"day", "2026-04-20"},
                                                   {"village_code", cadre.village},
                                                   {"text", "办公室改过。"},
                                                   {"version", 1}}))
                .status,
            200);
  const auto line = [](const std::string& kind, boost::json::object record, std::int64_t base = 0) {
    return Serialize(
        boost::json::object{{"kind", kind}, {"record", std::move(record)}, {"base_version", base}});
  };
  const std::string diary = line("diary", {{"client_uuid", "t-sync-diary"},
                                           {"day", "2026-04-02"},
                                           {"village_code", cadre.village},
                                           {"text", "离线写的日记。"}});
  const std::vector<std::string> lines = {
      /* 1 */ line("stationed-days", {{"client_uuid", "t-sync-stationed"},
                                      {"day", "2026-04-02"},
                                      {"village_code", cadre.village}}),
      /* 2 */
      line("visits", {{"client_uuid", "t-sync-visit"},
                      {"day", "2026-04-02"},
                      {"household_nos", boost::json::array{cadre.households[0]}},
                      {"kinds", boost::json::array{"listen"}}}),
      /* 3 */ diary,
      /* 4 */ diary,  // sent twice
                      /* 5 */
      line("diary", {{"client_uuid", "t-sync-bad-day"},
                     {"day", "2026-04-31"},
                     {"village_code", cadre.village},
                     {"text", "四月没有三十一日。"}}),
      /* 6 */ "{\"kind\":\"diary\",\"record\":{",
      /* 7 */
      line("suggestions", {{"client_uuid", "t-sync-suggestion"},
                           {"day", "2026-04-02"},
                           {"village_code", cadre.village},
                           {"addressee", "unit"},
                           {"content", "建议把技术培训放在农闲的晚上"}}),
      /* 8 */ "",
      /* 9 */ line("bogus", {{"client_uuid", "t-sync-bogus"}}),
      /* 10 */
      line("diary",
           {{"client_uuid", "t-sync-edited"},
            {"day", "2026-04-20"},
            {"village_code", cadre.village},
            {"text", "干部离线改的。"}},
           1),
  };
  std::string body;
  for (const std::string& text : lines) {
    body += text + "\n";
  }
  const HttpResponse first = Sync(session, body);
  ASSERT_EQ(first.status, 200) << first.Describe();
  const boost::json::array results = SyncResults(first);
  EXPECT_EQ(results.size(), 9u) << "the empty line is no record";
  const auto status = [&](std::int64_t number) {
    const auto* result = LineOf(results, number);
    return result ? std::string(result->at("status").as_string()) : "";
  };
  EXPECT_EQ(status(1), "created");
  EXPECT_EQ(status(2), "created");
  EXPECT_EQ(status(3), "created");
  EXPECT_EQ(status(4), "unchanged");
  EXPECT_EQ(status(5), "rejected");
  EXPECT_EQ(status(6), "rejected");
  EXPECT_EQ(status(7), "created");
  EXPECT_EQ(status(9), "rejected");
  EXPECT_EQ(status(10), "conflict");
  if (const auto* bad = LineOf(results, 5)) {
    EXPECT_EQ(bad->at("error").at("field"), boost::json::value("day")) << Serialize(*bad);
    EXPECT_EQ(bad->at("error").at("code"), boost::json::value("bad_date")) << Serialize(*bad);
  }
  if (const auto* malformed = LineOf(results, 6)) {
    EXPECT_EQ(malformed->at("error").at("code"), boost::json::value("malformed_json"));
  }
  if (const auto* conflict = LineOf(results, 10)) {
    EXPECT_EQ(VersionOf(conflict->at("server")), 2) << Serialize(*conflict);
    EXPECT_EQ(At(conflict->at("server"), {"text"}), boost::json::value("办公室改过。"));
  }
  EXPECT_EQ(Int(JsonOf(first), "stored"), 5);
  EXPECT_FALSE(JsonOf(first).at("truncated").as_bool());

  const auto check_once = [&] {
    const auto diaries = Listed(session, "diary", "2026-04-01", "2026-04-30");
    EXPECT_TRUE(diaries.contains("t-sync-diary"));
    EXPECT_FALSE(diaries.contains("t-sync-bad-day"));
    EXPECT_EQ(Text(diaries.at("t-sync-edited"), "text"), "办公室改过。") << "never overwritten";
    EXPECT_EQ(Listed(session, "stationed-days", "2026-04-01", "2026-04-30").size(), 1u);
    EXPECT_EQ(Listed(session, "visits", "2026-04-01", "2026-04-30").count("t-sync-visit"), 1u);
    EXPECT_EQ(Listed(session, "suggestions", "2026-04-01", "2026-04-30").count("t-sync-suggestion"),
              1u);
  };
  check_once();
  // The phone did not hear the answer and sends it all again: nothing doubles.
  const HttpResponse retry = Sync(session, body);
  ASSERT_EQ(retry.status, 200) << retry.Describe();
  const boost::json::array again = SyncResults(retry);
  for (const std::int64_t number : {1, 2, 3, 4, 7}) {
    const auto* result = LineOf(again, number);
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(result->at("status"), boost::json::value("unchanged")) << number;
  }
  check_once();
}

TEST_F(HttpFieldworkTest, AnUploadCutHalfwayKeepsItsWholeLinesAndTheRetryCompletesIt) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  std::string body;
  for (const char* day : {"2026-05-01", "2026-05-02", "2026-05-03"}) {
    body += Serialize(boost::json::object{
                {"kind", "diary"},
                {"record", boost::json::object{{"client_uuid", std::string("t-cut-") + day},
                                               {"day", day},
                                               {"village_code", cadre.village},
                                               {"text", std::string("离线日记 ") + day}}}}) +
            "\n";
  }
  // The signal drops in the middle of the third line.
  const std::size_t cut = body.rfind("\n", body.size() - 2) + 1 + 20;
  const std::string head =
      "POST /api/v1/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + session.token() +
      "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n";
  {
    HttpConnection connection(port());
    ASSERT_TRUE(connection.connected()) << connection.connect_error();
    ASSERT_TRUE(connection.SendAll(head + body.substr(0, cut)));
    connection.Close();
  }
  EXPECT_TRUE(Eventually([&] {
    return Listed(session, "diary", "2026-05-01", "2026-05-31").size() >= 2;
  })) << "the two whole lines are stored";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto stored = Listed(session, "diary", "2026-05-01", "2026-05-31");
  EXPECT_TRUE(stored.contains("t-cut-2026-05-01"));
  EXPECT_TRUE(stored.contains("t-cut-2026-05-02"));
  EXPECT_FALSE(stored.contains("t-cut-2026-05-03")) << "the cut line is not stored";
  // The retry completes it without doubles.
  const HttpResponse retry = Sync(session, body);
  ASSERT_EQ(retry.status, 200) << retry.Describe();
  const boost::json::array results = SyncResults(retry);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("status"), boost::json::value("unchanged"));
  EXPECT_EQ(results[1].at("status"), boost::json::value("unchanged"));
  EXPECT_EQ(results[2].at("status"), boost::json::value("created"));
  stored = Listed(session, "diary", "2026-05-01", "2026-05-31");
  EXPECT_EQ(stored.size(), 3u);
}

TEST_F(HttpFieldworkTest, APhotoIsStoredOnceAndItsSecondUseIsReported) {
  const Cadre cadre = CadreDemo();
  ASSERT_FALSE(cadre.households.empty());
  const ApiSession& session = As(kCadre);
  std::string jpeg = "\xFF\xD8\xFF\xE0";
  jpeg += std::string("\x00\x10JFIF\x00", 7) + "a photo of a sheep pen, 2026-06-01 " +
          std::to_string(getpid());
  jpeg += "\xFF\xD9";
  const HttpHeaders image = {{"Content-Type", "image/jpeg"}};
  const HttpResponse uploaded = session.Send("POST", "/photos", jpeg, image);
  ASSERT_EQ(uploaded.status, 201) << uploaded.Describe();
  const std::string sha = Text(JsonOf(uploaded), "sha256");
  EXPECT_EQ(sha, store::Sha256Hex(jpeg));
  EXPECT_EQ(Text(JsonOf(uploaded), "content_type"), "image/jpeg");
  EXPECT_EQ(session.Send("POST", "/photos", jpeg, image).status, 201) << "the same file again";
  EXPECT_TRUE(IsError(session.Send("POST", "/photos", "not a picture at all", image), 415));
  // Read back, byte for byte.
  const HttpResponse photo = session.Get("/photos/" + sha);
  ASSERT_EQ(photo.status, 200) << photo.Describe();
  EXPECT_EQ(photo.body, jpeg);
  EXPECT_EQ(photo.Header("content-type"), "image/jpeg");

  const auto visit = [&](const std::string& uuid, const std::string& day,
                         const std::string& household, const std::vector<std::string>& photos) {
    boost::json::array list;
    for (const std::string& sha256 : photos) {
      list.emplace_back(sha256);
    }
    return session.Post(
        "/visits", Serialize(boost::json::object{{"client_uuid", uuid},
                                                 {"day", day},
                                                 {"household_nos", boost::json::array{household}},
                                                 {"kinds", boost::json::array{"warmth"}},
                                                 {"photos", list}}));
  };
  ASSERT_EQ(visit("t-photo-1", "2026-06-01", cadre.households[0], {sha}).status, 201);
  ASSERT_EQ(visit("t-photo-2", "2026-06-02", cadre.households[0], {sha}).status, 201);
  const HttpResponse first = session.Get("/visits/t-photo-1");
  EXPECT_EQ(At(JsonOf(first), {"photos"}), (boost::json::value(boost::json::array{sha})));
  // A photo never uploaded is refused.
  EXPECT_EQ(visit("t-photo-3", "2026-06-03", cadre.households[0], {std::string(64, 'e')}).status,
            400);

  const HttpResponse report =
      As(kGancaodianOffice).Get(std::string("/integrity?region=") + kGancaodian + "&year=2026");
  ASSERT_EQ(report.status, 200) << report.Describe();
  const boost::json::value json = JsonOf(report);
  EXPECT_EQ(Int(json.at("counts"), "photo_reused"), 1) << Serialize(json).substr(0, 3000);
  bool found = false;
  for (const boost::json::value& finding : json.at("findings").as_array()) {
    if (finding.at("check") == boost::json::value("photo_reused")) {
      std::set<std::string> records;
      for (const boost::json::value& record : finding.at("records").as_array()) {
        records.emplace(record.as_string());
      }
      found = records == std::set<std::string>{"t-photo-1", "t-photo-2"};
    }
  }
  EXPECT_TRUE(found) << Serialize(json).substr(0, 3000);
  // Another township's office does not see the photo.
  EXPECT_EQ(As(kQuanhuOffice).Get("/photos/" + sha).status, 404);
}

TEST_F(HttpFieldworkTest, ProgressAnswersTheFiveCountsAndBehindPace) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  const auto mine = [&] {
    const HttpResponse response = session.Get("/progress/me?year=2026");
    EXPECT_EQ(response.status, 200) << response.Describe();
    return JsonOf(response);
  };
  const boost::json::value before = mine();
  for (const char* key :
       {"stationed_days", "households_visited", "diary_days", "problems_solved", "suggestions"}) {
    EXPECT_TRUE(before.at(key).is_int64()) << key;
  }
  ASSERT_TRUE(before.at("behind_pace").is_bool());
  EXPECT_EQ(Int(before, "helper_id"), cadre.helper_id);

  // Two stationed days, one household visited twice (one no other test of this suite visits
  // in 2026), a diary page, a suggestion.
  const std::string household = cadre.all_households.back();
  for (const char* day : {"2026-07-01", "2026-07-02"}) {
    ASSERT_EQ(session
                  .Post("/stationed-days", Serialize(boost::json::object{
                                               {"client_uuid", std::string("t-pace-s-") + day},
                                               {"day", day},
                                               {"village_code", cadre.village}}))
                  .status,
              201);
    ASSERT_EQ(session
                  .Post("/visits", Serialize(boost::json::object{
                                       {"client_uuid", std::string("t-pace-v-") + day},
                                       {"day", day},
                                       {"household_nos", boost::json::array{household}},
                                       {"kinds", boost::json::array{"listen"}}}))
                  .status,
              201);
  }
  ASSERT_EQ(
      session.Post("/diary", Diary("t-pace-d", "2026-07-01", cadre.village, "七月一日。")).status,
      201);
  ASSERT_EQ(session
                .Post("/suggestions",
                      Serialize(boost::json::object{{"client_uuid", "t-pace-g"},
                                                    {"day", "2026-07-01"},
                                                    {"village_code", cadre.village},
                                                    {"addressee", "township"},
                                                    {"content", "建议统一登记外出务工人员"}}))
                .status,
            201);
  const boost::json::value after = mine();
  EXPECT_EQ(Int(after, "stationed_days"), Int(before, "stationed_days") + 2);
  EXPECT_EQ(Int(after, "households_visited"), Int(before, "households_visited") + 1);
  EXPECT_EQ(Int(after, "diary_days"), Int(before, "diary_days") + 1);
  EXPECT_EQ(Int(after, "problems_solved"), Int(before, "problems_solved"));
  EXPECT_EQ(Int(after, "suggestions"), Int(before, "suggestions") + 1);
  // The server judges by its today, kTestToday (2026-11-29), not by the clock of the machine
  // running the test: 332 days of 2026's 365 are gone, so 100 × 332 / 365 = 90 days are due,
  // and a few days are far behind.
  ASSERT_STREQ(kTestToday, "2026-11-29");
  EXPECT_EQ(Int(after.at("expected_by_today"), "stationed_days"), 90);
  EXPECT_TRUE(after.at("behind_pace").as_bool());

  // The township's office sees the same counts among its cadres.
  const HttpResponse township =
      As(kGancaodianOffice)
          .Get(std::string("/progress?region=") + kGancaodian + "&year=2026&size=200");
  ASSERT_EQ(township.status, 200) << township.Describe();
  bool seen = false;
  const boost::json::value township_json = JsonOf(township);
  for (const boost::json::value& entry : township_json.at("cadres").as_array()) {
    for (const char* key : {"stationed_days", "households_visited", "diary_days", "problems_solved",
                            "suggestions", "behind_pace"}) {
      EXPECT_TRUE(entry.as_object().contains(key)) << key;
    }
    EXPECT_TRUE(entry.at("behind_pace").is_bool());
    if (entry.at("helper_id").as_int64() == cadre.helper_id) {
      seen = true;
      for (const char* key : {"stationed_days", "households_visited", "diary_days",
                              "problems_solved", "suggestions", "behind_pace"}) {
        EXPECT_EQ(entry.at(key), after.at(key)) << key;
      }
    }
  }
  EXPECT_TRUE(seen);
  // 2012, the demo's spring: a finished year, every cadre's year is judged whole.
  const HttpResponse spring =
      As(kGancaodianOffice)
          .Get(std::string("/progress?region=") + kGancaodian + "&year=2012&size=200");
  ASSERT_EQ(spring.status, 200);
  EXPECT_EQ(Int(JsonOf(spring).at("expected_by_today"), "stationed_days"), 100);
  std::int64_t stationed = 0;
  const boost::json::value spring_json = JsonOf(spring);
  for (const boost::json::value& entry : spring_json.at("cadres").as_array()) {
    stationed += entry.at("stationed_days").as_int64();
  }
  EXPECT_GT(stationed, 0);
  // A cadre's own progress list holds only themselves; another township's leader sees nothing.
  const HttpResponse own =
      session.Get(std::string("/progress?region=") + kGancaodian + "&year=2026");
  ASSERT_EQ(own.status, 200) << own.Describe();
  ASSERT_EQ(JsonOf(own).at("cadres").as_array().size(), 1u);
  EXPECT_EQ(JsonOf(own).at("cadres").as_array()[0].at("helper_id").as_int64(), cadre.helper_id);
  EXPECT_TRUE(IsError(As(kQuanhuLeader).Get(std::string("/progress?region=") + kGancaodian), 404));
  // An account that is no helper has no progress of its own.
  EXPECT_TRUE(IsError(As(kUnpairedCadre).Get("/progress/me"), 404));
}

TEST_F(HttpFieldworkTest, ACadreNeitherReadsNorWritesAnotherCadresRecords) {
  const Cadre cadre = CadreDemo();
  const Cadre other = OtherCadre(cadre.helper_id);
  const ApiSession& owner = As(kCadre);
  const ApiSession intruder = SecondCadre(other.helper_id);
  ASSERT_TRUE(intruder.signed_in());
  ASSERT_EQ(
      owner.Post("/diary", Diary("t-scope-d", "2026-08-01", cadre.village, "本人的日记。")).status,
      201);
  ASSERT_EQ(owner
                .Post("/visits", Serialize(boost::json::object{
                                     {"client_uuid", "t-scope-v"},
                                     {"day", "2026-08-01"},
                                     {"household_nos", boost::json::array{cadre.households[0]}},
                                     {"kinds", boost::json::array{"listen"}}}))
                .status,
            201);
  ASSERT_EQ(
      owner
          .Post("/problems", Serialize(boost::json::object{{"client_uuid", "t-scope-p"},
                                                           {"household_no", cadre.households[0]},
                                                           {"village_code", cadre.village},
                                                           {"category", "road"},
                                                           {"description", "社道路泥泞"},
                                                           {"raised_on", "2026-08-01"}}))
          .status,
      201);

  // Reads: not there at all.
  for (const char* path : {"/diary/t-scope-d", "/visits/t-scope-v", "/problems/t-scope-p"}) {
    EXPECT_TRUE(IsError(intruder.Get(path), 404, "not_found")) << path;
    EXPECT_TRUE(IsError(As(kQuanhuOffice).Get(path), 404, "not_found")) << path;
    EXPECT_EQ(As(kGancaodianOffice).Get(path).status, 200) << path;
  }
  EXPECT_TRUE(Listed(intruder, "diary", "2026-08-01", "2026-08-31").empty());
  EXPECT_TRUE(Listed(intruder, "visits", "2026-08-01", "2026-08-31").empty());
  EXPECT_TRUE(Listed(intruder, "problems", "2026-08-01", "2026-08-31").empty());
  // Writes: not found, refused, and nothing changes.
  EXPECT_TRUE(IsError(intruder.Put("/diary/t-scope-d",
                                   Serialize(boost::json::object{{"day", "2026-08-01"},
                                                                 {"village_code", cadre.village},
                                                                 {"text", "改写别人的。"},
                                                                 {"version", 1}})),
                      404));
  EXPECT_TRUE(
      IsError(intruder.Post("/problems/t-scope-p/transition", R"({"to":"in_progress"})"), 404));
  EXPECT_TRUE(
      IsError(intruder.Post("/problems/t-scope-p/rating", R"({"satisfaction":"satisfied"})"), 404));
  const HttpResponse stolen =
      intruder.Post("/diary", Diary("t-scope-d", "2026-08-01", cadre.village, "借用编号。"));
  EXPECT_GE(stolen.status, 400) << stolen.Describe();
  EXPECT_LT(stolen.status, 500) << stolen.Describe();
  const HttpResponse visit = intruder.Post(
      "/visits",
      Serialize(boost::json::object{{"client_uuid", "t-scope-v2"},
                                    {"day", "2026-08-02"},
                                    {"household_nos", boost::json::array{cadre.households[0]}},
                                    {"kinds", boost::json::array{"listen"}}}));
  EXPECT_GE(visit.status, 400) << visit.Describe();
  EXPECT_LT(visit.status, 500) << visit.Describe();
  const HttpResponse synced = Sync(
      intruder,
      Serialize(boost::json::object{{"kind", "diary"},
                                    {"record", boost::json::object{{"client_uuid", "t-scope-d"},
                                                                   {"day", "2026-08-01"},
                                                                   {"village_code", cadre.village},
                                                                   {"text", "离线改写别人的。"}}},
                                    {"base_version", 1}}) +
          "\n");
  ASSERT_EQ(synced.status, 200) << synced.Describe();
  EXPECT_EQ(SyncResults(synced)[0].at("status"), boost::json::value("rejected")) << synced.body;
  const boost::json::value still = JsonOf(owner.Get("/diary/t-scope-d"));
  EXPECT_EQ(Text(still, "text"), "本人的日记。");
  EXPECT_EQ(VersionOf(still), 1);
  EXPECT_EQ(Text(JsonOf(owner.Get("/problems/t-scope-p")), "status"), "registered");
  EXPECT_EQ(owner.Get("/visits/t-scope-v2").status, 404);
  // The intruder's own household is theirs to visit.
  ASSERT_FALSE(other.households.empty());
  const HttpResponse own = intruder.Post(
      "/visits",
      Serialize(boost::json::object{{"client_uuid", "t-scope-v3"},
                                    {"day", "2026-08-02"},
                                    {"household_nos", boost::json::array{other.households[0]}},
                                    {"kinds", boost::json::array{"listen"}}}));
  EXPECT_EQ(own.status, 201) << own.Describe();
  EXPECT_EQ(owner.Get("/visits/t-scope-v3").status, 404);
}

TEST_F(HttpFieldworkTest, ALeaderReadsAndWritesNothing) {
  const Cadre cadre = CadreDemo();
  const ApiSession leader = Leader();
  ASSERT_TRUE(leader.signed_in());
  ASSERT_EQ(As(kCadre)
                .Post("/diary", Diary("t-leader-d", "2026-08-10", cadre.village, "干部的日记。"))
                .status,
            201);
  EXPECT_EQ(leader.Get("/diary/t-leader-d").status, 200);
  EXPECT_EQ(leader.Get(std::string("/progress?region=") + kGancaodian + "&year=2026").status, 200);
  EXPECT_EQ(leader.Get(std::string("/integrity?region=") + kGancaodian + "&year=2012").status, 200);
  EXPECT_TRUE(IsError(
      leader.Post("/diary", Diary("t-leader-own", "2026-08-11", cadre.village, "领导写的。")),
      403));
  EXPECT_TRUE(IsError(
      leader.Put("/diary/t-leader-d", Serialize(boost::json::object{{"day", "2026-08-10"},
                                                                    {"village_code", cadre.village},
                                                                    {"text", "领导改的。"},
                                                                    {"version", 1}})),
      403));
  EXPECT_TRUE(IsError(
      Sync(leader, Diary("t-leader-sync", "2026-08-12", cadre.village, "同步。") + "\n"), 403));
  EXPECT_TRUE(IsError(
      leader.Put(std::string("/progress-targets/") + kGancaodian, R"({"stationed_days":50})"),
      403));
  EXPECT_EQ(Text(JsonOf(As(kCadre).Get("/diary/t-leader-d")), "text"), "干部的日记。");
  EXPECT_EQ(As(kCadre).Get("/diary/t-leader-own").status, 404);
}

TEST_F(HttpFieldworkTest, EveryWriteIsAuditedWithWhatWasBeforeAndAfter) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  ASSERT_EQ(
      session.Post("/diary", Diary("t-audit-d", "2026-09-01", cadre.village, "审计前。")).status,
      201);
  // A retry is no change: no second entry.
  ASSERT_EQ(
      session.Post("/diary", Diary("t-audit-d", "2026-09-01", cadre.village, "审计前。")).status,
      200);
  const boost::json::array created = Audit("diary_entries", "t-audit-d", "create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(Text(created[0], "username"), kCadre);
  EXPECT_EQ(Text(created[0].at("after"), "text"), "审计前。");
  ASSERT_EQ(
      session
          .Put("/diary/t-audit-d", Serialize(boost::json::object{{"day", "2026-09-01"},
                                                                 {"village_code", cadre.village},
                                                                 {"text", "审计后。"},
                                                                 {"version", 1}}))
          .status,
      200);
  // Refused: no entry.
  EXPECT_EQ(
      session
          .Put("/diary/t-audit-d", Serialize(boost::json::object{{"day", "2026-09-01"},
                                                                 {"village_code", cadre.village},
                                                                 {"text", "过期的修改。"},
                                                                 {"version", 1}}))
          .status,
      409);
  const boost::json::array updated = Audit("diary_entries", "t-audit-d", "update");
  ASSERT_EQ(updated.size(), 1u);
  EXPECT_EQ(Text(updated[0].at("after"), "text"), "审计后。");
  // Regression (fixed): a change of a field record is audited without its "before"
  // (architecture.md: "every change writes who, when, what, before and after"): Save passes
  // std::nullopt (src/api/fieldwork_handlers.cpp:162), as do the problem steps (:266) and the sync
  // lines (src/api/sync_handler.cpp:113). Read the record before the write and pass it.
  ASSERT_TRUE(updated[0].as_object().contains("before"));
  EXPECT_TRUE(updated[0].at("before").is_object()) << Serialize(updated[0]);
  if (updated[0].at("before").is_object()) {
    EXPECT_EQ(Text(updated[0].at("before"), "text"), "审计前。");
  }
  // The problem workflow and the sync upload are audited too.
  ASSERT_EQ(
      session
          .Post("/problems", Serialize(boost::json::object{{"client_uuid", "t-audit-p"},
                                                           {"household_no", cadre.households[0]},
                                                           {"village_code", cadre.village},
                                                           {"category", "policy"},
                                                           {"description", "低保政策咨询"},
                                                           {"raised_on", "2026-09-01"}}))
          .status,
      201);
  ASSERT_EQ(session.Post("/problems/t-audit-p/transition", R"({"to":"in_progress"})").status, 200);
  EXPECT_EQ(Audit("problems", "t-audit-p", "transition").size(), 1u);
  ASSERT_EQ(Sync(session, Serialize(boost::json::object{
                              {"kind", "diary"},
                              {"record", boost::json::object{{"client_uuid", "t-audit-sync"},
                                                             {"day", "2026-09-02"},
                                                             {"village_code", cadre.village},
                                                             {"text", "同步的。"}}}}) +
                              "\n")
                .status,
            200);
  EXPECT_EQ(Audit("diary_entries", "t-audit-sync", "create").size(), 1u);
  const ProcessResult verified = VerifyAudit(registry().db());
  EXPECT_EQ(verified.exit_code, 0) << verified.Describe();
}

TEST_F(HttpFieldworkTest, ListsFilterByHouseholdOnEveryKind) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  ASSERT_EQ(session
                .Post("/visits", Serialize(boost::json::object{
                                     {"client_uuid", "t-filter-v"},
                                     {"day", "2026-10-01"},
                                     {"household_nos", boost::json::array{cadre.households[0]}},
                                     {"kinds", boost::json::array{"listen"}}}))
                .status,
            201);
  const std::string household = "household=" + UrlEncode(cadre.households[0]);
  const HttpResponse visits = session.Get("/visits?from=2026-10-01&to=2026-10-31&" + household);
  ASSERT_EQ(visits.status, 200) << visits.Describe();
  EXPECT_EQ(Items(JsonOf(visits)).size(), 1u);
  // Regression (fixed): the household filter of the kinds without a household (diary, stationed
  // days, suggestions) makes the query name a column those tables lack, and the list answers 500
  // (src/store/fieldwork_repository.cpp:62). Ignore the filter for them or refuse it with 400.
  for (const char* kind : {"diary", "stationed-days", "suggestions"}) {
    const HttpResponse list = session.Get(std::string("/") + kind + "?" + household);
    EXPECT_TRUE(IsError(list, 400, "bad_parameter")) << kind << ": " << list.Describe();
  }
  EXPECT_TRUE(IsError(session.Get("/visits?household=NO-SUCH"), 404));
  EXPECT_TRUE(IsError(session.Get("/visits?from=yesterday"), 400));
}

// Exports a kind of the demo's spring in 甘草店镇 as CSV and imports it back with the
// command line; answers the import's summary and the number of rows exported.
std::pair<boost::json::value, std::int64_t> RoundTrip(const std::string& kind,
                                                      const std::string& db,
                                                      const std::string& directory,
                                                      const ApiSession& session) {
  const HttpResponse exported = session.Get(
      "/" + kind + "/export?format=csv&region=" + kGancaodian + "&from=2012-01-01&to=2012-12-31");
  EXPECT_EQ(exported.status, 200) << exported.Describe();
  const std::string file = directory + "/export-" + kind + ".csv";
  {
    std::ofstream out(file, std::ios::binary);
    out << exported.body;
  }
  const auto rows = static_cast<std::int64_t>(ParseCsv(exported.body).size()) - 1;
  const ProcessResult imported = RunShuanglian({"import", kind, file, "--db", db, "--json"});
  EXPECT_EQ(imported.exit_code, 0) << imported.Describe();
  boost::system::error_code error;
  boost::json::value summary = boost::json::parse(imported.out, error);
  EXPECT_FALSE(error) << imported.Describe();
  return {error ? boost::json::value(nullptr) : summary, rows};
}

TEST_F(HttpFieldworkTest, AnExportImportedAgainChangesNothing) {
  // The export's columns are the import's, "so an export can be corrected and imported again":
  // the demo's spring in 甘草店镇, each kind exported and imported back, is unchanged.
  for (const char* kind : {"stationed-days", "visits", "diary", "suggestions", "aid"}) {
    SCOPED_TRACE(kind);
    const auto [summary, rows] =
        RoundTrip(kind, registry().db(), registry().dir().path().string(), As(kAdmin));
    ASSERT_TRUE(summary.is_object());
    ASSERT_GT(rows, 0);
    EXPECT_EQ(Int(summary, "rows"), rows);
    EXPECT_EQ(Int(summary, "unchanged"), rows) << Serialize(summary).substr(0, 2000);
    EXPECT_EQ(Int(summary, "imported"), 0);
    EXPECT_EQ(Int(summary, "updated"), 0);
    EXPECT_EQ(Int(summary, "rejected"), 0);
  }
}

TEST_F(HttpFieldworkTest, AnExportedProblemLedgerImportedAgainChangesNothing) {
  const auto [summary, rows] =
      RoundTrip("problems", registry().db(), registry().dir().path().string(), As(kAdmin));
  ASSERT_TRUE(summary.is_object());
  ASSERT_GT(rows, 0);
  EXPECT_EQ(Int(summary, "rejected"), 0);
  // Regression (fixed): every problem that has moved along the workflow comes back "updated" (with
  // a new version, so every phone holding it now gets a conflict): MoveProblem and RateProblem
  // change status, result and satisfaction but leave content_hash as it was at registration
  // (src/store/fieldwork_problems.cpp:201 and :224), so the stored hash no longer describes
  // the record. Recompute the hash with every change of the record.
  EXPECT_EQ(Int(summary, "unchanged"), rows) << Serialize(summary).substr(0, 2000);
  EXPECT_EQ(Int(summary, "updated"), 0);
}

TEST_F(HttpFieldworkTest, AVisitsPhotosSurviveItsLedgerImportedAgain) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  std::string jpeg = "\xFF\xD8\xFF\xE0";
  jpeg += "a photo of a household's new cowshed";
  const HttpResponse uploaded =
      session.Send("POST", "/photos", jpeg, {{"Content-Type", "image/jpeg"}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.Describe();
  const std::string sha = Text(JsonOf(uploaded), "sha256");
  ASSERT_EQ(session
                .Post("/visits", Serialize(boost::json::object{
                                     {"client_uuid", "t-ledger-photo"},
                                     {"day", "2026-10-10"},
                                     {"household_nos", boost::json::array{cadre.households[0]}},
                                     {"kinds", boost::json::array{"warmth"}},
                                     {"photos", boost::json::array{sha}}}))
                .status,
            201);
  const HttpResponse exported =
      As(kGancaodianOffice).Get("/visits/export?format=csv&from=2026-10-10&to=2026-10-10");
  ASSERT_EQ(exported.status, 200) << exported.Describe();
  const std::string file = registry().dir().File("visits-2026-10.csv");
  {
    std::ofstream out(file, std::ios::binary);
    out << exported.body;
  }
  const ProcessResult imported =
      RunShuanglian({"import", "visits", file, "--db", registry().db(), "--json"});
  EXPECT_EQ(imported.exit_code, 0) << imported.Describe();
  // Regression (fixed): the ledger has no photo column, so the import rewrites the visit without
  // its photos: its content differs ("updated", a new version) and SaveVisit deletes its
  // visit_photos (src/store/fieldwork_visits.cpp:112, the update path). A ledger row should keep
  // the photos it cannot carry, or the export should carry them.
  const boost::json::value visit = JsonOf(session.Get("/visits/t-ledger-photo"));
  EXPECT_EQ(At(visit, {"photos"}), (boost::json::value(boost::json::array{sha})))
      << Serialize(visit);
  EXPECT_EQ(VersionOf(visit), 1) << "the same visit imported back is unchanged";
}

TEST_F(HttpFieldworkTest, SimilarProblemsAreGroupedAndSolvedTogether) {
  const Cadre cadre = CadreDemo();
  const ApiSession& session = As(kCadre);
  const auto solved_now = [&] {
    return Int(JsonOf(session.Get("/progress/me?year=2026")), "problems_solved");
  };
  const std::int64_t before = solved_now();
  for (const char* uuid : {"t-case-1", "t-case-2"}) {
    ASSERT_EQ(
        session
            .Post("/problems", Serialize(boost::json::object{{"client_uuid", uuid},
                                                             {"household_no", cadre.households[0]},
                                                             {"village_code", cadre.village},
                                                             {"category", "road"},
                                                             {"description", "社道路雨后泥泞"},
                                                             {"raised_on", "2026-10-20"}}))
            .status,
        201);
  }
  const HttpResponse grouped = session.Post(
      "/problem-cases",
      Serialize(boost::json::object{{"title", "社道路硬化"},
                                    {"region", cadre.village},
                                    {"problems", boost::json::array{"t-case-1", "t-case-2"}}}));
  // A cadre sees no region of its own: grouping is an office's work, or the cadre's within
  // their village. Either answer is a clear one.
  const ApiSession& office = As(kGancaodianOffice);
  const HttpResponse made =
      grouped.status == 201
          ? grouped
          : office.Post("/problem-cases",
                        Serialize(boost::json::object{
                            {"title", "社道路硬化"},
                            {"region", cadre.village},
                            {"problems", boost::json::array{"t-case-1", "t-case-2"}}}));
  ASSERT_EQ(made.status, 201) << grouped.Describe() << "\n" << made.Describe();
  const std::int64_t case_id = Int(JsonOf(made), "id");
  EXPECT_EQ(Int(JsonOf(made), "problems"), 2);
  const std::string path = "/problem-cases/" + std::to_string(case_id) + "/transition";
  EXPECT_TRUE(IsError(office.Post(path, R"({"to":"solved","result":"统一硬化"})"), 400));
  ASSERT_EQ(office.Post(path, R"({"to":"in_progress"})").status, 200);
  const HttpResponse solved =
      office.Post(path, R"({"to":"solved","result":"镇上统一拉运砂石，社道路已硬化"})");
  ASSERT_EQ(solved.status, 200) << solved.Describe();
  for (const char* uuid : {"t-case-1", "t-case-2"}) {
    const boost::json::value problem = JsonOf(session.Get(std::string("/problems/") + uuid));
    EXPECT_EQ(Text(problem, "status"), "solved");
    EXPECT_EQ(Int(problem, "case_id"), case_id);
  }
  EXPECT_EQ(solved_now(), before + 2);
  // Another township's office cannot move the case.
  EXPECT_TRUE(IsError(As(kQuanhuOffice).Post(path, R"({"to":"in_progress"})"), 404));
}

// What a cadre types on a phone is enough: a record about a household takes its village,
// a person's aid without a phone is the cadre's own, and the text keeps its Chinese
// punctuation and line breaks as typed.
TEST_F(HttpFieldworkTest, ACadresShortFormIsCompletedFromWhatTheServerKnows) {
  const Cadre cadre = CadreDemo();
  ASSERT_FALSE(cadre.households.empty());
  const ApiSession& session = As(kCadre);
  const std::string& household = cadre.households[0];
  const std::string learned = "家里缺地膜，\n老人常年吃药。";
  const HttpResponse visit = session.Post(
      "/visits", Serialize(boost::json::object{{"client_uuid", "t-short-visit"},
                                               {"day", "2026-01-07"},
                                               {"household_nos", boost::json::array{household}},
                                               {"kinds", boost::json::array{"listen"}},
                                               {"learned", learned}}));
  ASSERT_EQ(visit.status, 201) << visit.Describe();
  EXPECT_EQ(Text(JsonOf(visit), "village_code"), cadre.village);
  EXPECT_EQ(Text(JsonOf(visit), "learned"), learned);
  const HttpResponse problem =
      session.Post("/problems", Serialize(boost::json::object{{"client_uuid", "t-short-problem"},
                                                              {"household_no", household},
                                                              {"category", "water"},
                                                              {"description", "水窖漏水，吃水难"},
                                                              {"raised_on", "2026-01-07"}}));
  ASSERT_EQ(problem.status, 201) << problem.Describe();
  EXPECT_EQ(Text(JsonOf(problem), "village_code"), cadre.village);
  const HttpResponse aid =
      session.Post("/aid", Serialize(boost::json::object{{"client_uuid", "t-short-aid"},
                                                         {"day", "2026-01-07"},
                                                         {"giver_kind", "helper"},
                                                         {"receiver_kind", "household"},
                                                         {"household_no", household},
                                                         {"item", "化肥"},
                                                         {"quantity", "2"},
                                                         {"measure", "bag"},
                                                         {"value_yuan", "160"}}));
  ASSERT_EQ(aid.status, 201) << aid.Describe();
  EXPECT_EQ(Text(JsonOf(aid), "giver_phone"), cadre.phone);
  EXPECT_EQ(Text(JsonOf(aid), "village_code"), cadre.village);
  // A village-wide visit must still name its village; an office's aid must name its giver.
  EXPECT_TRUE(IsError(
      session.Post("/visits", Serialize(boost::json::object{
                                  {"day", "2026-01-07"}, {"kinds", boost::json::array{"listen"}}})),
      400, "validation_failed"));
  const HttpResponse office_aid =
      As(kGancaodianOffice)
          .Post("/aid", Serialize(boost::json::object{{"day", "2026-01-07"},
                                                      {"giver_kind", "helper"},
                                                      {"receiver_kind", "household"},
                                                      {"household_no", household},
                                                      {"item", "化肥"},
                                                      {"quantity", "2"},
                                                      {"measure", "bag"},
                                                      {"value_yuan", "160"}}));
  EXPECT_TRUE(IsError(office_aid, 400, "validation_failed")) << office_aid.Describe();
  EXPECT_EQ(DetailFields(office_aid), std::set<std::string>{"giver_phone"});
}

TEST_F(HttpFieldworkTest, TheSeedsAidIsTotalledByDonationDrive) {
  // 黄岔村: "发放春耕救急物资价值6万余元，其中地膜276卷，化肥414袋".
  const HttpResponse drives = As(kAdmin).Get(std::string("/donation-drives?region=") + kHuangcha);
  ASSERT_EQ(drives.status, 200) << drives.Describe();
  const boost::json::value body = JsonOf(drives);
  bool found = false;
  for (const boost::json::value& drive : body.at("items").as_array()) {
    if (drive.at("name") != boost::json::value("春耕救急物资")) {
      continue;
    }
    found = true;
    std::map<std::string, std::string> quantity;
    for (const boost::json::value& line : drive.at("lines").as_array()) {
      quantity[std::string(line.at("item").as_string())] =
          std::string(line.at("quantity").as_string());
    }
    EXPECT_EQ(quantity["地膜"], "276");
    EXPECT_EQ(quantity["化肥"], "414");
    EXPECT_GT(drive.at("value_fen").as_int64(), 6000000) << "over 60,000 yuan";
  }
  EXPECT_TRUE(found) << Serialize(body).substr(0, 3000);
  // 泉湖's cadres at spring sowing: over 10,000 yuan.
  const HttpResponse quanhu = As(kAdmin).Get(std::string("/donation-drives?region=") + kQuanhu);
  ASSERT_EQ(quanhu.status, 200);
  std::int64_t cadres_value = 0;
  const boost::json::value quanhu_json = JsonOf(quanhu);
  for (const boost::json::value& drive : quanhu_json.at("items").as_array()) {
    if (drive.at("name") == boost::json::value("干部春播帮扶")) {
      cadres_value += drive.at("value_fen").as_int64();
    }
  }
  EXPECT_GT(cadres_value, 1000000);
  // A region out of the user's scope is not found.
  EXPECT_TRUE(
      IsError(As(kQuanhuOffice).Get(std::string("/donation-drives?region=") + kHuangcha), 404));
}

}  // namespace
}  // namespace shuanglian::testing
