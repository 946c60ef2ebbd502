#include "http/compression.h"

#include <zlib.h>

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
  const auto found = accept_encoding.find("gzip");
  if (found == std::string_view::npos) {
    return false;
  }
  const auto end = accept_encoding.find(',', found);
  const std::string_view entry = accept_encoding.substr(found, end == std::string_view::npos ? std::string_view::npos : end - found);
  return entry.find("q=0") == std::string_view::npos || entry.find("q=0.") != std::string_view::npos;
}

bool Compressible(std::string_view content_type) {
  return content_type.starts_with("text/") || content_type.starts_with("application/json") ||
         content_type.starts_with("application/javascript") || content_type.starts_with("image/svg");
}

}  // namespace shuanglian::http
