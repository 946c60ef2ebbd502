#include "ingest/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <vector>

#include "core/text.h"
#include "ingest/table_reader.h"

namespace shuanglian::ingest {

namespace {

constexpr std::size_t kChunk = 1 << 20;

const char* IconvName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kGb18030:
      return "GB18030";
    case Encoding::kUtf16Le:
      return "UTF-16LE";
    case Encoding::kUtf16Be:
      return "UTF-16BE";
    default:
      return "UTF-8";
  }
}

struct IconvCloser {
  void operator()(void* handle) const { iconv_close(static_cast<iconv_t>(handle)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

IconvHandle OpenIconv(const char* to, const char* from) {
  iconv_t handle = iconv_open(to, from);
  if (handle == reinterpret_cast<iconv_t>(-1)) {
    throw ReadError(std::string("系统不支持编码转换 ") + from + " → " + to);
  }
  return IconvHandle(handle);
}

// A file with NUL bytes in it is not text, whatever else it holds.
ReadError BinaryContent() {
  return ReadError("文件含有二进制内容，不是 CSV 或 XLSX 文件");
}

// A file read as UTF-8 (its start was) with bytes further on that are not.
ReadError NotUtf8After() {
  return ReadError(
      "文件前面是 UTF-8 编码，后面却有不是 UTF-8 的字节（可能由不同编码的文件拼接而成）。"
      "请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入");
}

// The length of the UTF-8 character that `lead` starts, by its high bits (a byte no character
// starts with counts as four; the check of the text refuses it).
std::size_t SequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
}

// Length of the longest prefix of `bytes` that ends on a UTF-8 character boundary, so a
// character split between two chunks is checked whole.
std::size_t CompletePrefix(std::string_view bytes) {
  std::size_t end = bytes.size();
  std::size_t back = 0;
  while (back < 4 && back < end) {
    const char byte = bytes[end - 1 - back];
    if (!core::IsUtf8Continuation(byte)) {
      return back + 1 < SequenceLength(static_cast<unsigned char>(byte)) ? end - 1 - back : end;
    }
    ++back;
  }
  return end;
}

}  // namespace

std::string EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 (BOM)";
    case Encoding::kGb18030:
      return "GBK/GB18030";
    case Encoding::kUtf16Le:
      return "UTF-16LE";
    case Encoding::kUtf16Be:
      return "UTF-16BE";
  }
  return "UTF-8";
}

Encoding DetectEncoding(const std::string& path, EncodingCheck check) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw ReadError("无法打开文件 " + path + "：" + std::strerror(errno));
  }
  std::vector<char> buffer(kChunk);
  stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  std::string_view head(buffer.data(), static_cast<std::size_t>(stream.gcount()));
  if (head.starts_with("\xEF\xBB\xBF")) {
    return Encoding::kUtf8Bom;
  }
  if (head.starts_with("\xFF\xFE")) {
    return Encoding::kUtf16Le;
  }
  if (head.starts_with("\xFE\xFF")) {
    return Encoding::kUtf16Be;
  }
  // UTF-8 or not: checked chunk by chunk, to the end or (kFirstText) until a megabyte has
  // been checked from the first byte that is not ASCII: a megabyte of Chinese in GBK is
  // never also valid UTF-8, and a big file is then not read twice before its first row is.
  bool utf8 = true;
  std::string carry;
  std::optional<std::size_t> since_text;  // bytes checked from the first non-ASCII one
  while (true) {
    if (head.find('\0') != std::string_view::npos) {
      throw BinaryContent();
    }
    const bool last = stream.eof() || head.empty();
    std::string text = carry + std::string(head);
    const std::size_t complete = last ? text.size() : CompletePrefix(text);
    const std::string_view checked = std::string_view(text).substr(0, complete);
    if (!core::IsValidUtf8(checked)) {
      utf8 = false;
      break;
    }
    carry = text.substr(complete);
    if (since_text) {
      *since_text += complete;
    } else if (const std::size_t ascii = core::AsciiPrefixLength(checked); ascii < complete) {
      // Plain ASCII reads alike in every encoding: the evidence starts after it.
      since_text = complete - ascii;
    }
    if (last || (check == EncodingCheck::kFirstText && since_text && *since_text > kChunk)) {
      break;
    }
    stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    head = std::string_view(buffer.data(), static_cast<std::size_t>(stream.gcount()));
  }
  if (utf8) {
    return Encoding::kUtf8;
  }
  // Not UTF-8: it must decode as GB18030 from start to end.
  stream.clear();
  stream.seekg(0);
  Decoder decoder(Encoding::kGb18030);
  try {
    while (stream) {
      stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      decoder.Decode(std::string_view(buffer.data(), static_cast<std::size_t>(stream.gcount())),
                     [](std::string_view text) {
                       if (text.find('\0') != std::string_view::npos) {
                         throw BinaryContent();
                       }
                     });
    }
    decoder.Finish();
  } catch (const ReadError&) {
    throw ReadError(
        "无法识别文件编码：既不是 UTF-8，也不是 GBK/GB18030。请在 Excel 中另存为“CSV UTF-8”或 "
        ".xlsx 后再导入");
  }
  return Encoding::kGb18030;
}

struct Decoder::State {
  Encoding encoding;
  IconvHandle handle;
  std::string carry;      // bytes of a character cut at the end of the last chunk
  std::string joined;     // the carry and the start of the next chunk (UTF-8: its first bytes)
  std::string converted;  // the text of the last chunk, when it needed converting
  bool at_start = true;
};

Decoder::Decoder(Encoding encoding) : state_(std::make_unique<State>()) {
  state_->encoding = encoding;
  if (encoding != Encoding::kUtf8 && encoding != Encoding::kUtf8Bom) {
    state_->handle = OpenIconv("UTF-8", IconvName(encoding));
  }
}

Decoder::~Decoder() = default;

void Decoder::Decode(std::string_view chunk, const std::function<void(std::string_view)>& sink) {
  if (!state_->handle) {
    DecodeUtf8(chunk, sink);
    return;
  }
  std::string_view view = chunk;
  if (!state_->carry.empty()) {
    state_->joined = std::move(state_->carry);
    state_->carry.clear();
    state_->joined.append(chunk);
    view = state_->joined;
  }
  DropByteOrderMark(view);
  char* in_pointer = const_cast<char*>(view.data());
  std::size_t in_left = view.size();
  std::vector<char> buffer(view.size() * 2 + 16);
  std::string& out = state_->converted;
  out.clear();
  while (in_left > 0) {
    char* out_pointer = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t result = iconv(static_cast<iconv_t>(state_->handle.get()), &in_pointer,
                                     &in_left, &out_pointer, &out_left);
    out.append(buffer.data(), buffer.size() - out_left);
    if (result == static_cast<std::size_t>(-1)) {
      if (errno == EINVAL) {
        state_->carry.assign(in_pointer, in_left);  // an incomplete character: wait for more
        break;
      }
      if (errno == E2BIG) {
        continue;
      }
      throw ReadError("文件中有无法按 " + EncodingName(state_->encoding) + " 解码的字节");
    }
  }
  sink(out);
}

void Decoder::DropByteOrderMark(std::string_view& text) {
  if (state_->at_start && !text.empty()) {
    state_->at_start = false;
    if (text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
    } else if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
      text.remove_prefix(2);
    }
  }
}

void Decoder::DecodeUtf8(std::string_view chunk,
                         const std::function<void(std::string_view)>& sink) {
  const auto check = [](std::string_view text) {
    if (text.find('\0') != std::string_view::npos) {
      throw BinaryContent();
    }
    if (!core::IsValidUtf8(text)) {
      throw NotUtf8After();
    }
  };
  if (!state_->carry.empty()) {
    // The carried bytes are a lead byte and the first of its continuation bytes: the first
    // bytes of the chunk complete the character.
    std::string& head = state_->joined;
    head = std::move(state_->carry);
    state_->carry.clear();
    const std::size_t length = SequenceLength(static_cast<unsigned char>(head.front()));
    const std::size_t rest = length > head.size() ? length - head.size() : 0;
    const std::string_view completion = chunk.substr(0, rest);
    const bool continues =
        std::all_of(completion.begin(), completion.end(), core::IsUtf8Continuation);
    if (continues && chunk.size() < rest) {  // still cut off: wait for more
      state_->carry = std::move(head.append(chunk));
      return;
    }
    const std::size_t carried = head.size();
    head.append(completion);
    if (!continues || !core::IsValidUtf8(head)) {
      // Broken: checked as one text with the whole chunk, for the same reason (a NUL byte
      // anywhere in it, or bytes that are not UTF-8) as wherever else the break had fallen.
      head.resize(carried);
      head.append(chunk);
      check(std::string_view(head).substr(0, CompletePrefix(head)));
      throw NotUtf8After();  // the cut character itself is all that is wrong
    }
    sink(head);  // continuation bytes are never NUL
    chunk.remove_prefix(rest);
  }
  DropByteOrderMark(chunk);
  const std::size_t complete = CompletePrefix(chunk);
  check(chunk.substr(0, complete));
  state_->carry = std::string(chunk.substr(complete));
  if (complete > 0) {
    sink(chunk.substr(0, complete));
  }
}

void Decoder::Finish() {
  if (!state_->carry.empty()) {
    throw ReadError("文件末尾有不完整的字符（编码错误或文件被截断）");
  }
}

std::string EncodeFromUtf8(std::string_view text, Encoding encoding) {
  if (encoding == Encoding::kUtf8 || encoding == Encoding::kUtf8Bom) {
    return std::string(text);
  }
  IconvHandle handle = OpenIconv(IconvName(encoding), "UTF-8");
  std::string out;
  char* in_pointer = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  std::vector<char> buffer(text.size() * 2 + 16);
  while (in_left > 0) {
    char* out_pointer = buffer.data();
    std::size_t out_left = buffer.size();
    const std::size_t result =
        iconv(static_cast<iconv_t>(handle.get()), &in_pointer, &in_left, &out_pointer, &out_left);
    out.append(buffer.data(), buffer.size() - out_left);
    if (result == static_cast<std::size_t>(-1) && errno != E2BIG) {
      throw ReadError("文本无法转换为 " + EncodingName(encoding));
    }
  }
  return out;
}

}  // namespace shuanglian::ingest
