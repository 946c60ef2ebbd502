// Kept answers (src/api/answer_cache.h): a household and a page of a list are computed once
// and given again while the data has not changed. These tests change the data behind the
// server's back, through a connection of this test process to the same SQLite file (as an
// import from the command line would), and expect the very next answer to show it: a cache
// that missed such a write would give the answer it kept. They also ask the same address as
// users of other scopes and masking, who must never receive each other's kept answer.

#include <gtest/gtest.h>

#include "http/http_fixture.h"
#include "store/database.h"
#include "store/sha256.h"

namespace shuanglian::testing {
namespace {

class HttpAnswerCacheTest : public HttpSuite {
 protected:
  static std::string HouseholdPath() { return std::string("/households/") + kQuanhuHousehold; }
  static std::string ListPath() {
    return std::string("/households?size=200&region=") + kQuanhuVillage;
  }

  // The head's name as another process writes it: not through the server.
  static void RenameHeadBehindTheServersBack(const std::string& name) {
    auto database = store::OpenDatabase(registry().db());
    database->Execute("UPDATE households SET head_name = $1 WHERE household_no = $2",
                      {name, kQuanhuHousehold});
  }

  static std::string HeadNameInList(const ApiSession& session) {
    const HttpResponse response = session.Get(ListPath());
    EXPECT_EQ(response.status, 200) << response.Describe();
    for (const boost::json::value& item : Items(JsonOf(response))) {
      if (Text(item, "household_no") == kQuanhuHousehold) {
        return Text(item, "head_name");
      }
    }
    ADD_FAILURE() << "household not listed";
    return {};
  }
};

TEST_F(HttpAnswerCacheTest, AWriteByAnotherProcessIsSeenByTheNextRead) {
  const ApiSession& leader = As(kQuanhuLeader);  // masked: no audit writes of its own
  // Asked twice, so that the second answer is a kept one.
  for (int round = 0; round < 2; ++round) {
    ASSERT_EQ(leader.Get(HouseholdPath()).status, 200);
    HeadNameInList(leader);
  }
  const std::string before = Text(JsonOf(leader.Get(HouseholdPath())), "head_name");

  RenameHeadBehindTheServersBack("缓存甲");
  EXPECT_EQ(Text(JsonOf(leader.Get(HouseholdPath())), "head_name"), "缓存甲");
  EXPECT_EQ(HeadNameInList(leader), "缓存甲");

  // And again, in case the first change only emptied a cache that was then filled anew.
  RenameHeadBehindTheServersBack("缓存乙");
  EXPECT_EQ(Text(JsonOf(leader.Get(HouseholdPath())), "head_name"), "缓存乙");
  EXPECT_EQ(HeadNameInList(leader), "缓存乙");

  RenameHeadBehindTheServersBack(before);
  EXPECT_EQ(Text(JsonOf(leader.Get(HouseholdPath())), "head_name"), before);
}

TEST_F(HttpAnswerCacheTest, ACountChangedByAnotherProcessIsSeenOnEveryPage) {
  const ApiSession& leader = As(kQuanhuLeader);
  const auto total = [&](int page) {
    return Int(JsonOf(leader.Get(std::string("/households?size=1&page=") + std::to_string(page) +
                                 "&region=" + kQuanhuVillage)),
               "total");
  };
  const std::int64_t before = total(1);
  ASSERT_EQ(total(2), before);  // the second page finds the count kept by the first
  const auto move_to = [&](const std::string& village) {
    store::OpenDatabase(registry().db())
        ->Execute("UPDATE households SET village_code = $1 WHERE household_no = $2",
                  {std::stoll(village), kQuanhuHousehold});
  };
  move_to(kGancaodianVillage);
  EXPECT_EQ(total(1), before - 1);
  EXPECT_EQ(total(2), before - 1);
  move_to(kQuanhuVillage);
  EXPECT_EQ(total(2), before);
}

TEST_F(HttpAnswerCacheTest, AWriteThroughTheServerIsSeenByTheNextRead) {
  const ApiSession& office = As(kQuanhuOffice);
  const ApiSession& leader = As(kQuanhuLeader);
  const boost::json::value household = JsonOf(office.Get(HouseholdPath()));
  // The new number sorts before the demo's in descending order: first on this page.
  const std::string first_page =
      std::string("/households?size=5&sort=-household_no&region=") + kQuanhuVillage;
  for (int round = 0; round < 2; ++round) {
    ASSERT_EQ(leader.Get(HouseholdPath()).status, 200);
    ASSERT_EQ(leader.Get(first_page).status, 200);
  }
  const std::int64_t total = Int(JsonOf(leader.Get(first_page)), "total");
  const HttpResponse created = office.Post(
      "/households", Serialize(HouseholdBody("T-CACHE-1", "缓存丙",
                                             ValidId("620902", "19700101", 71), kQuanhuVillage)));
  ASSERT_EQ(created.status, 201) << created.Describe();
  const HttpResponse found = leader.Get("/households/T-CACHE-1");
  EXPECT_EQ(found.status, 200) << found.Describe();
  const boost::json::value listed = JsonOf(leader.Get(first_page));
  EXPECT_EQ(Int(listed, "total"), total + 1);
  EXPECT_EQ(Text(Items(listed).at(0), "household_no"), "T-CACHE-1");
  ASSERT_EQ(office.Delete("/households/T-CACHE-1").status, 204);
  EXPECT_TRUE(IsError(leader.Get("/households/T-CACHE-1"), 404, "not_found"));
  EXPECT_EQ(Int(JsonOf(leader.Get(first_page)), "total"), total);
  EXPECT_EQ(Text(JsonOf(leader.Get(HouseholdPath())), "head_name"), Text(household, "head_name"));
}

TEST_F(HttpAnswerCacheTest, AKeptAnswerIsNeverGivenToAnotherScopeOrMasking) {
  const ApiSession& office = As(kQuanhuOffice);  // sees personal data
  const ApiSession& leader = As(kQuanhuLeader);  // the same region, masked
  const ApiSession& outsider = As(kGancaodianOffice);
  for (int round = 0; round < 2; ++round) {
    const boost::json::value unmasked = JsonOf(office.Get(HouseholdPath()));
    const boost::json::value masked = JsonOf(leader.Get(HouseholdPath()));
    EXPECT_EQ(Text(unmasked, "head_name"), Text(masked, "head_name"));
    EXPECT_EQ(Text(unmasked, "head_id_number").find('*'), std::string::npos);
    EXPECT_NE(Text(masked, "head_id_number").find('*'), std::string::npos);
    EXPECT_TRUE(IsError(outsider.Get(HouseholdPath()), 404, "not_found"));
    EXPECT_EQ(Int(JsonOf(outsider.Get(ListPath())), "total"), 0);
    for (const boost::json::value& item : Items(JsonOf(leader.Get(ListPath())))) {
      EXPECT_NE(Text(item, "head_id_number").find('*'), std::string::npos);
    }
  }
}

TEST_F(HttpAnswerCacheTest, EveryUnmaskedReadIsAuditedEvenWhenTheAnswerWasKept) {
  const ApiSession& office = As(kQuanhuOffice);
  const std::string query =
      std::string("/audit?size=200&username=quanhu-office&action=read_personal&entity_key=") +
      kQuanhuHousehold;
  const std::int64_t before = Int(JsonOf(office.Get(query)), "total");
  // In quick succession: the later reads find the answer kept by the first.
  for (int read = 0; read < 5; ++read) {
    ASSERT_EQ(office.Get(HouseholdPath()).status, 200);
  }
  EXPECT_TRUE(Eventually([&] { return Int(JsonOf(office.Get(query)), "total") == before + 5; }));
}

TEST_F(HttpAnswerCacheTest, ASignedOutTokenStopsAtOnceThoughItsAnswerWasKept) {
  ApiSession session = SignIn(kQuanhuLeader);
  ASSERT_EQ(session.Get(HouseholdPath()).status, 200);
  ASSERT_EQ(session.Get(HouseholdPath()).status, 200);
  ASSERT_EQ(session.Post("/auth/logout").status, 204);
  EXPECT_TRUE(IsError(session.Get(HouseholdPath()), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(session.Get(ListPath()), 401, "unauthenticated"));
}

TEST_F(HttpAnswerCacheTest, ASessionEndedByAnotherProcessStopsAtOnce) {
  ApiSession session = SignIn(kQuanhuLeader);
  ASSERT_EQ(session.Get(HouseholdPath()).status, 200);
  ASSERT_EQ(session.Get(HouseholdPath()).status, 200);  // its session now known to the server
  // As `shuanglian user disable` would: the session row goes, the server is not told.
  auto database = store::OpenDatabase(registry().db());
  database->Execute("DELETE FROM sessions WHERE token_hash = $1",
                    {store::Sha256Hex(session.token())});
  EXPECT_TRUE(IsError(session.Get(HouseholdPath()), 401, "unauthenticated"));
}

}  // namespace
}  // namespace shuanglian::testing
