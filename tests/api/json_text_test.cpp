// ToJsonText writes what Boost.JSON writes, byte for byte, but for doubles (in plain
// notation, see json_text.h): the answers did not change when it stopped calling Boost.JSON
// for every key and value.
#include "api/json_text.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace shuanglian::testing {
namespace {

TEST(JsonTextTest, TextIsEscapedAsBoostJsonEscapesIt) {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) {
    every_byte.push_back(static_cast<char>(c));
  }
  for (const std::string& text :
       {std::string(), std::string("plain"), std::string("甘肃省·泉湖镇 \"引号\" \\ / \t\n\r\b\f"),
        std::string("\x01\x1f\x7f", 3), std::string("a\0b", 3), every_byte}) {
    const boost::json::value value = boost::json::object{{text, text}};
    EXPECT_EQ(api::ToJsonText(value), boost::json::serialize(value)) << text;
  }
}

TEST(JsonTextTest, OtherKindsAreWrittenAsBoostJsonWritesThem) {
  const boost::json::value value = boost::json::object{
      {"int", -9223372036854775807LL - 1},
      {"uint", 18446744073709551615ULL},
      {"zero", 0},
      {"true", true},
      {"false", false},
      {"null", nullptr},
      {"empty_array", boost::json::array{}},
      {"empty_object", boost::json::object{}},
      {"nested", boost::json::array{1, "二", boost::json::object{{"三", nullptr}}}}};
  EXPECT_EQ(api::ToJsonText(value), boost::json::serialize(value));
}

TEST(JsonTextTest, NumbersWithAFractionAreWrittenPlain) {
  EXPECT_EQ(api::ToJsonText(boost::json::array{7408.0, 99.31, 0.05}), "[7408,99.31,0.05]");
}

}  // namespace
}  // namespace shuanglian::testing
