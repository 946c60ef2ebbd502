#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shuanglian::http {

// gzip (zlib, level 6) of a response body; nothing if zlib fails.
std::optional<std::string> Gzip(std::string_view data);

// Does an Accept-Encoding header accept gzip (and not with q=0)?
bool AcceptsGzip(std::string_view accept_encoding);

// Is a content type worth compressing (text, JSON, JavaScript, SVG)?
bool Compressible(std::string_view content_type);

}  // namespace shuanglian::http
