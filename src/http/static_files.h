#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shuanglian::http {

struct StaticFile {
  std::string path;
  std::string content_type;
  bool immutable = false;  // hashed asset names: cached for a year
};

// Maps a URL path to a file of the web app, never outside `web_root`: ".." segments,
// backslashes, NUL and symlinks out of the folder are refused. Paths without an extension
// that name no file are the single-page app's routes: index.html answers them.
std::optional<StaticFile> ResolveStatic(const std::string& web_root, std::string_view url_path);

std::string ContentTypeOf(std::string_view path);

}  // namespace shuanglian::http
