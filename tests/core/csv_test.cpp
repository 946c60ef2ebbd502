#include "core/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shuanglian::core {
namespace {

using Record = std::vector<std::string>;
using Records = std::vector<Record>;

Records FeedInChunks(std::string_view text, std::size_t chunk_size, bool* unterminated = nullptr,
                     char delimiter = ',') {
  CsvParser parser(delimiter);
  Records records;
  for (std::size_t pos = 0; pos < text.size(); pos += chunk_size) {
    parser.Feed(text.substr(pos, chunk_size));
    while (parser.HasRecord()) {
      records.push_back(parser.Take());
    }
  }
  parser.Finish();
  while (parser.HasRecord()) {
    records.push_back(parser.Take());
  }
  if (unterminated != nullptr) {
    *unterminated = parser.UnterminatedQuote();
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Whole texts, table driven

struct CsvCase {
  std::string name;
  std::string text;
  Records expected;
};

class ParseCsvTest : public ::testing::TestWithParam<CsvCase> {};

TEST_P(ParseCsvTest, Parses) {
  EXPECT_EQ(ParseCsv(GetParam().text), GetParam().expected);
}

TEST_P(ParseCsvTest, SameRecordsForEveryChunkSize) {
  const std::string& text = GetParam().text;
  for (std::size_t chunk_size = 1; chunk_size <= text.size() + 1; ++chunk_size) {
    bool unterminated = true;
    ASSERT_EQ(FeedInChunks(text, chunk_size, &unterminated), GetParam().expected)
        << "chunk size " << chunk_size;
    EXPECT_FALSE(unterminated);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseCsvTest,
    ::testing::Values(
        CsvCase{"Empty", "", {}},
        CsvCase{"Simple", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
        CsvCase{"LastRecordWithoutNewline", "a,b\nc,d", {{"a", "b"}, {"c", "d"}}},
        CsvCase{"Crlf", "a,b\r\nc,d\r\n", {{"a", "b"}, {"c", "d"}}},
        CsvCase{"CrOnly", "a,b\rc,d\r", {{"a", "b"}, {"c", "d"}}},
        CsvCase{"MixedLineEnds", "a\r\nb\nc\rd", {{"a"}, {"b"}, {"c"}, {"d"}}},
        CsvCase{"EmptyFields", ",a,,\n", {{"", "a", "", ""}}},
        CsvCase{"QuotedDelimiter", "\"a,b\",c\n", {{"a,b", "c"}}},
        CsvCase{"DoubledQuotes", "\"he said \"\"hi\"\"\",x\n", {{"he said \"hi\"", "x"}}},
        CsvCase{"OnlyADoubledQuote", "\"\"\"\"\n", {{"\""}}},
        CsvCase{"EmptyQuoted", "\"\",\"\"\n", {{"", ""}}},
        CsvCase{"EmptyQuotedAtEnd", "a,\"\"", {{"a", ""}}},
        CsvCase{"LfInsideQuotes", "\"line1\nline2\",x\n", {{"line1\nline2", "x"}}},
        CsvCase{
            "CrlfInsideQuotes", "\"line1\r\nline2\"\r\nnext\r\n", {{"line1\r\nline2"}, {"next"}}},
        CsvCase{"CrInsideQuotes", "\"a\rb\"\n", {{"a\rb"}}},
        CsvCase{"QuotedThenCrlf", "\"a\"\r\n\"b\"", {{"a"}, {"b"}}},
        CsvCase{"QuoteInsideUnquotedField", "ab\"c,d\n", {{"ab\"c", "d"}}},
        CsvCase{"TextAfterClosingQuote", "\"ab\"c,d\n", {{"abc", "d"}}},
        CsvCase{"SpacesKept", " a , b \n", {{" a ", " b "}}},
        CsvCase{"Utf8",
                "户编号,户主姓名\nQH001,张建国\n",
                {{"户编号", "户主姓名"}, {"QH001", "张建国"}}},
        CsvCase{"Everything",
                "code,label,aliases\r\n\"a,1\",\"say \"\"x\"\"\",\"l1\nl2\"\rb,,\"\"\nc,\"d\"\"\"",
                {{"code", "label", "aliases"},
                 {"a,1", "say \"x\"", "l1\nl2"},
                 {"b", "", ""},
                 {"c", "d\""}}}),
    [](const ::testing::TestParamInfo<CsvCase>& param_info) { return param_info.param.name; });

// ---------------------------------------------------------------------------------------------
// CsvParser step by step

TEST(CsvParserTest, RecordsComeOutAsTheirLineEndsArrive) {
  CsvParser parser;
  parser.Feed("a,b");
  EXPECT_FALSE(parser.HasRecord());
  parser.Feed("\nc");
  ASSERT_TRUE(parser.HasRecord());
  EXPECT_EQ(parser.Take(), (Record{"a", "b"}));
  EXPECT_FALSE(parser.HasRecord());
  parser.Finish();
  ASSERT_TRUE(parser.HasRecord());
  EXPECT_EQ(parser.Take(), (Record{"c"}));
  EXPECT_FALSE(parser.HasRecord());
}

TEST(CsvParserTest, SeveralRecordsQueueUp) {
  CsvParser parser;
  parser.Feed("1\n2\n3\n");
  EXPECT_EQ(parser.Take(), (Record{"1"}));
  EXPECT_EQ(parser.Take(), (Record{"2"}));
  EXPECT_EQ(parser.Take(), (Record{"3"}));
  EXPECT_FALSE(parser.HasRecord());
}

// Take into a reused vector: each record arrives whole and alone, however long the one
// before it, and records fed while others wait keep their order.
TEST(CsvParserTest, TakeIntoAReusedVectorHoldsOnlyThatRecord) {
  CsvParser parser;
  Record record;
  parser.Feed("a long first field well past the short-string size,b,c\nd\n");
  parser.Take(record);
  EXPECT_EQ(record, (Record{"a long first field well past the short-string size", "b", "c"}));
  parser.Feed("e,\"quoted, with a comma\"\n");  // fed while "d" still waits
  parser.Take(record);
  EXPECT_EQ(record, (Record{"d"}));
  parser.Take(record);
  EXPECT_EQ(record, (Record{"e", "quoted, with a comma"}));
  EXPECT_FALSE(parser.HasRecord());
  parser.Feed("f\n,\n");
  parser.Take(record);
  EXPECT_EQ(record, (Record{"f"}));
  parser.Take(record);
  EXPECT_EQ(record, (Record{"", ""}));
  EXPECT_FALSE(parser.HasRecord());
}

// Runs of plain or quoted text are copied at once, so a run may end at a chunk's end.
TEST(CsvParserTest, RunsCutByChunksOfEverySize) {
  const std::string text =
      "plain text,\"quoted \"\"text\"\" with\nbreak\",mid\"quote\r\n,,last field\rx";
  const Records whole = FeedInChunks(text, text.size());
  EXPECT_EQ(whole, (Records{{"plain text", "quoted \"text\" with\nbreak", "mid\"quote"},
                            {"", "", "last field"},
                            {"x"}}));
  for (std::size_t size = 1; size < text.size(); ++size) {
    EXPECT_EQ(FeedInChunks(text, size), whole) << size;
  }
}

TEST(CsvParserTest, CrAtTheEndOfOneChunkAndLfAtTheStartOfTheNext) {
  CsvParser parser;
  parser.Feed("a\r");
  parser.Feed("\nb\r");
  parser.Feed("\n");
  parser.Finish();
  EXPECT_EQ(parser.Take(), (Record{"a"}));
  EXPECT_EQ(parser.Take(), (Record{"b"}));
  EXPECT_FALSE(parser.HasRecord());
}

TEST(CsvParserTest, QuoteAtTheEndOfOneChunkAndItsTwinInTheNext) {
  CsvParser parser;
  parser.Feed("\"x\"");
  parser.Feed("\"y\"\n");
  ASSERT_TRUE(parser.HasRecord());
  EXPECT_EQ(parser.Take(), (Record{"x\"y"}));
}

TEST(CsvParserTest, UnterminatedQuoteIsDetected) {
  bool unterminated = false;
  const Records records = FeedInChunks("a,\"bc\nd", 1000, &unterminated);
  EXPECT_TRUE(unterminated);
  EXPECT_EQ(records, (Records{{"a", "bc\nd"}}));  // what was read is still returned
}

TEST(CsvParserTest, UnterminatedQuoteForEveryChunkSize) {
  const std::string text = "x,y\n\"open,\"\"still open\n";
  for (std::size_t chunk_size = 1; chunk_size <= text.size(); ++chunk_size) {
    bool unterminated = false;
    const Records records = FeedInChunks(text, chunk_size, &unterminated);
    EXPECT_TRUE(unterminated) << chunk_size;
    EXPECT_EQ(records, (Records{{"x", "y"}, {"open,\"still open\n"}})) << chunk_size;
  }
}

TEST(CsvParserTest, ClosingQuoteAsTheLastByteIsNotUnterminated) {
  bool unterminated = true;
  EXPECT_EQ(FeedInChunks("\"abc\"", 2, &unterminated), (Records{{"abc"}}));
  EXPECT_FALSE(unterminated);
}

TEST(CsvParserTest, OtherDelimiters) {
  EXPECT_EQ(FeedInChunks("a;b,c;\"d;e\"\n", 3, nullptr, ';'), (Records{{"a", "b,c", "d;e"}}));
  EXPECT_EQ(ParseCsv("a\tb c\t\"d\te\"\n", '\t'), (Records{{"a", "b c", "d\te"}}));
}

// ---------------------------------------------------------------------------------------------
// ParseCsv and the BOM

TEST(ParseCsvTest, StripsAUtf8Bom) {
  EXPECT_EQ(ParseCsv("\xEF\xBB\xBF"
                     "code,label\nmale,男\n"),
            (Records{{"code", "label"}, {"male", "男"}}));
  EXPECT_EQ(ParseCsv("\xEF\xBB\xBF"), Records{});
}

TEST(ParseCsvTest, KeepsABomThatIsNotAtTheStart) {
  EXPECT_EQ(ParseCsv("a,\xEF\xBB\xBF"
                     "b\n"),
            (Records{{"a",
                      "\xEF\xBB\xBF"
                      "b"}}));
}

// ---------------------------------------------------------------------------------------------
// CsvEscape

TEST(CsvEscapeTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape(""), "");
  EXPECT_EQ(CsvEscape(" spaced "), " spaced ");
  EXPECT_EQ(CsvEscape("户主"), "户主");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("l1\nl2"), "\"l1\nl2\"");
  EXPECT_EQ(CsvEscape("l1\rl2"), "\"l1\rl2\"");
  EXPECT_EQ(CsvEscape("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(CsvEscape("a,b", ';'), "a,b");  // not the delimiter here
}

TEST(CsvEscapeTest, RoundTripsThroughTheParser) {
  const Records records = {
      {"code", "label", "aliases"},      {"a,b", "say \"hi\"", "l1\nl2"},
      {"\"", "\"\"", ",", "\r\n", "\r"}, {"", "x", ""},
      {" lead", "trail ", "甘肃，兰州"}, {"\"quoted\" then text", "a\"b"},
  };
  for (const char delimiter : {',', ';', '\t'}) {
    std::string text;
    for (const Record& record : records) {
      for (std::size_t field_idx = 0; field_idx < record.size(); ++field_idx) {
        text += (field_idx > 0 ? std::string(1, delimiter) : "") +
                CsvEscape(record[field_idx], delimiter);
      }
      text += "\r\n";
    }
    EXPECT_EQ(ParseCsv(text, delimiter), records) << "delimiter " << int{delimiter};
    for (std::size_t chunk_size = 1; chunk_size <= 7; ++chunk_size) {
      EXPECT_EQ(FeedInChunks(text, chunk_size, nullptr, delimiter), records) << chunk_size;
    }
  }
}

}  // namespace
}  // namespace shuanglian::core
