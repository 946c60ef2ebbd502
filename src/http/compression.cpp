#include "http/compression.h"

#include <zlib.h>

#include <algorithm>

namespace shuanglian::http {

std::optional<std::string> Gzip(std::string_view data) {
  z_stream stream{};
  // 15 window bits + 16: a gzip header and trailer rather than zlib's.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out;
  out.resize(deflateBound(&stream, static_cast<uLong>(data.size())));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return std::nullopt;
  }
  out.resize(stream.total_out);
  return out;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  // "gzip", "gzip;q=0.5", "*;q=1": acceptable unless its quality is zero (RFC 9110, 12.5.3).
  std::size_t start = 0;
  while (start <= accept_encoding.size()) {
    const auto end = std::min(accept_encoding.find(',', start), accept_encoding.size());
    std::string_view entry = accept_encoding.substr(start, end - start);
    start = end + 1;
    const auto semicolon = entry.find(';');
    std::string_view coding = entry.substr(0, semicolon);
    while (!coding.empty() && coding.front() == ' ') {
      coding.remove_prefix(1);
    }
    while (!coding.empty() && coding.back() == ' ') {
      coding.remove_suffix(1);
    }
    if (coding != "gzip" && coding != "x-gzip") {
      continue;
    }
    if (semicolon == std::string_view::npos) {
      return true;
    }
    const auto q = entry.find("q=", semicolon);
    if (q == std::string_view::npos) {
      return true;
    }
    // Zero is "0", "0.", "0.0", "0.00", "0.000".
    const std::string_view value = entry.substr(q + 2);
    return value.find_first_not_of("0. ") != std::string_view::npos;
  }
  return false;
}

bool Compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/javascript") ||
         content_type.starts_with("image/svg");
}

}  // namespace shuanglian::http
