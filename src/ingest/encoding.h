#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace shuanglian::ingest {

// The encodings office files arrive in. GBK files are read as GB18030, its superset.
enum class Encoding { kUtf8, kUtf8Bom, kGb18030, kUtf16Le, kUtf16Be };

std::string EncodingName(Encoding encoding);  // "UTF-8", "GBK/GB18030", ...

// How much of a file is read to decide its encoding before its first row is.
enum class EncodingCheck {
  // All of it: a file found not to be UTF-8 only far in is refused before anything is
  // stored. For imports that commit batch by batch.
  kWholeFile,
  // Its first megabyte of text that is not plain ASCII; the rest is checked as it is read
  // (Decoder). For an import that is one transaction, which a late refusal rolls back whole.
  kFirstText,
};

// Decides a text file's encoding from its bytes: a byte-order mark says it; otherwise the
// file (all of it, or its first text, as `check` says) is checked as UTF-8, then as
// GB18030. Throws ReadError when the file is neither, or holds NUL bytes (it is not text).
Encoding DetectEncoding(const std::string& path, EncodingCheck check = EncodingCheck::kWholeFile);

// Converts chunks of a file to UTF-8, carrying a character split between chunks over to
// the next call. The BOM, if any, is dropped.
class Decoder {
 public:
  explicit Decoder(Encoding encoding);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Hands the UTF-8 text of `chunk` to `sink`, in pieces that are valid during the call only.
  // A chunk already in UTF-8 is checked, not copied: the piece is a view of it (of the 478 MB
  // of a province's members, copying took a twentieth of the reading thread's time). A
  // character cut at the end of the last chunk comes first, completed in a piece of its own
  // (at most four bytes copied). Throws ReadError on bytes that do not decode.
  void Decode(std::string_view chunk, const std::function<void(std::string_view)>& sink);
  // The input has ended: throws ReadError if a character was cut off.
  void Finish();

 private:
  void DecodeUtf8(std::string_view chunk, const std::function<void(std::string_view)>& sink);
  // At the start of the input: its byte-order mark, if any, taken off `text`.
  void DropByteOrderMark(std::string_view& text);

  struct State;
  std::unique_ptr<State> state_;
};

// Converts UTF-8 text to `encoding`, for writing a report in the form the input came in.
// Characters the target cannot hold are impossible for GB18030 and the UTF forms.
std::string EncodeFromUtf8(std::string_view text, Encoding encoding);

}  // namespace shuanglian::ingest
