// ingest::Decoder: a file read chunk by chunk comes out as the same UTF-8 text wherever the
// chunks are cut, a character cut in two included, in UTF-8 (returned as a view of the chunk)
// and in GB18030 (converted).

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {
namespace {

// The text of `bytes` read in chunks of `size`, each piece copied before the next call (a
// piece is valid until then).
std::string DecodeInChunks(Encoding encoding, std::string_view bytes, std::size_t size) {
  Decoder decoder(encoding);
  std::string text;
  for (std::size_t offset = 0; offset < bytes.size(); offset += size) {
    decoder.Decode(bytes.substr(offset, size), [&](std::string_view piece) { text += piece; });
  }
  decoder.Finish();
  return text;
}

// The pieces one call hands over, copied.
std::vector<std::string> Pieces(Decoder& decoder, std::string_view chunk) {
  std::vector<std::string> pieces;
  decoder.Decode(chunk, [&](std::string_view piece) { pieces.emplace_back(piece); });
  return pieces;
}

std::string Text(Decoder& decoder, std::string_view chunk) {
  std::string text;
  for (const std::string& piece : Pieces(decoder, chunk)) {
    text += piece;
  }
  return text;
}

constexpr std::string_view kUtf8 = "王小明,620123198001011234,𠮷,汉族\r\n";
// The same text in GB18030: two bytes a Han character, four for 𠮷 (not in GBK).
constexpr std::string_view kGb18030 =
    "\xCD\xF5\xD0\xA1\xC3\xF7,620123198001011234,\x95\x34\xB2\x35,\xBA\xBA\xD7\xE5\r\n";

TEST(DecoderTest, Utf8CutAnywhereComesOutWhole) {
  const std::string bytes = std::string(kUtf8) + std::string(kUtf8);
  for (std::size_t size = 1; size <= bytes.size(); ++size) {
    EXPECT_EQ(DecodeInChunks(Encoding::kUtf8, bytes, size), bytes) << "chunks of " << size;
  }
}

TEST(DecoderTest, Gb18030CutAnywhereComesOutAsUtf8) {
  const std::string bytes = std::string(kGb18030) + std::string(kGb18030);
  const std::string expected = std::string(kUtf8) + std::string(kUtf8);
  for (std::size_t size = 1; size <= bytes.size(); ++size) {
    EXPECT_EQ(DecodeInChunks(Encoding::kGb18030, bytes, size), expected) << "chunks of " << size;
  }
}

TEST(DecoderTest, ACarriedUtf8CharacterIsCompletedInAPieceOfItsOwn) {
  // 王 is E7 8E 8B. The rest of the chunk is handed over as it lies, not joined to it.
  Decoder decoder(Encoding::kUtf8);
  EXPECT_EQ(Pieces(decoder, "ab\xE7"), std::vector<std::string>{"ab"});
  EXPECT_EQ(Pieces(decoder, "\x8E"), std::vector<std::string>{});  // still cut off
  EXPECT_EQ(Pieces(decoder, "\x8B,cd\xE7"), (std::vector<std::string>{"\xE7\x8E\x8B", ",cd"}));
  EXPECT_EQ(Pieces(decoder, "\x8E\x8B"), std::vector<std::string>{"\xE7\x8E\x8B"});
  EXPECT_NO_THROW(decoder.Finish());
}

TEST(DecoderTest, TheByteOrderMarkIsDropped) {
  const std::string bytes = "\xEF\xBB\xBF" + std::string(kUtf8);
  // The file is read a megabyte at a time: its first chunk holds the whole mark.
  EXPECT_EQ(DecodeInChunks(Encoding::kUtf8Bom, bytes, 3), kUtf8);
  EXPECT_EQ(DecodeInChunks(Encoding::kUtf8Bom, bytes, 4), kUtf8);
  EXPECT_EQ(DecodeInChunks(Encoding::kUtf8Bom, bytes, 1 << 20), kUtf8);
}

TEST(DecoderTest, AByteThatIsNotUtf8IsRefusedEvenAfterACarriedCharacter) {
  // "王" cut after its first byte, then a byte no UTF-8 character continues with.
  Decoder decoder(Encoding::kUtf8);
  EXPECT_EQ(Text(decoder, "ab\xE7"), "ab");
  EXPECT_THROW(Text(decoder, "\x8E\xFF"), ReadError);
}

// The message a call throws, or "" when it throws none.
std::string Refusal(Decoder& decoder, std::string_view chunk) {
  try {
    Text(decoder, chunk);
  } catch (const ReadError& error) {
    return error.what();
  }
  return "";
}

TEST(DecoderTest, ACarriedCharacterThatIsNotContinuedIsRefusedAtOnceForWhatTheChunkHolds) {
  // 王 cut after its first byte, then a chunk that does not continue it: refused with that
  // chunk, not when more bytes come or the file ends, and for the chunk's worst (a NUL byte
  // says the file is binary, wherever the cut fell).
  Decoder ascii(Encoding::kUtf8);
  EXPECT_EQ(Text(ascii, "ab\xE7"), "ab");
  // One byte, of the two the character needs.
  EXPECT_NE(Refusal(ascii, "A").find("不是 UTF-8"), std::string::npos);
  Decoder nul(Encoding::kUtf8);
  Text(nul, "ab\xE7");
  EXPECT_NE(Refusal(nul, std::string_view("AA\0", 3)).find("二进制"), std::string::npos);
  // ED BB BF continues its lead byte but is no character (a surrogate): the NUL after it
  // still makes the file binary.
  Decoder surrogate(Encoding::kUtf8);
  Text(surrogate, "\xED");
  EXPECT_NE(Refusal(surrogate, std::string_view("\xBB\xBF\0", 3)).find("二进制"),
            std::string::npos);
  Decoder four(Encoding::kUtf8);  // 𠮷 is F0 A0 AE B7
  Text(four, "\xF0\xA0");
  EXPECT_NE(Refusal(four, "\xAE,").find("不是 UTF-8"), std::string::npos);
}

TEST(DecoderTest, ANulByteIsRefusedAsBinary) {
  Decoder decoder(Encoding::kUtf8);
  EXPECT_THROW(Text(decoder, std::string_view("a,b\0c", 5)), ReadError);
}

TEST(DecoderTest, ACharacterCutOffAtTheEndIsRefused) {
  Decoder utf8(Encoding::kUtf8);
  EXPECT_EQ(Text(utf8, "a\xE7\x8E"), "a");
  EXPECT_THROW(utf8.Finish(), ReadError);
  Decoder gb18030(Encoding::kGb18030);
  EXPECT_EQ(Text(gb18030, "a\xCD"), "a");
  EXPECT_THROW(gb18030.Finish(), ReadError);
}

}  // namespace
}  // namespace shuanglian::ingest
