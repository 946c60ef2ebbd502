#include "http/static_files.h"

#include <filesystem>

namespace shuanglian::http {

namespace {

bool Unsafe(std::string_view path) {
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return true;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const std::string_view segment = path.substr(start, end - start);
    if (segment == ".." || segment == ".") {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// Is `path` inside `root`, after symlinks are resolved?
bool Inside(const std::filesystem::path& root, const std::filesystem::path& path) {
  std::error_code error;
  const auto real_root = std::filesystem::weakly_canonical(root, error);
  const auto real_path = std::filesystem::weakly_canonical(path, error);
  if (error) {
    return false;
  }
  const std::string root_text = real_root.string() + "/";
  return real_path.string().rfind(root_text, 0) == 0;
}

}  // namespace

std::string ContentTypeOf(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "application/javascript; charset=utf-8"},
      {".mjs", "application/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".map", "application/json; charset=utf-8"}};
  for (const auto& [extension, type] : kTypes) {
    if (path.size() >= extension.size() &&
        path.substr(path.size() - extension.size()) == extension) {
      return std::string(type);
    }
  }
  return "application/octet-stream";
}

std::optional<StaticFile> ResolveStatic(const std::string& web_root, std::string_view url_path) {
  if (web_root.empty() || url_path.empty() || url_path.front() != '/' || Unsafe(url_path)) {
    return std::nullopt;
  }
  const std::filesystem::path root(web_root);
  std::string relative(url_path.substr(1));
  if (relative.empty()) {
    relative = "index.html";
  }
  std::filesystem::path candidate = root / relative;
  std::error_code error;
  if (!std::filesystem::is_regular_file(candidate, error)) {
    // A missing file with an extension is missing; a path without one is an app route.
    if (std::filesystem::path(relative).has_extension()) {
      return std::nullopt;
    }
    candidate = root / "index.html";
    relative = "index.html";
    if (!std::filesystem::is_regular_file(candidate, error)) {
      return std::nullopt;
    }
  }
  if (!Inside(root, candidate)) {
    return std::nullopt;
  }
  StaticFile file;
  file.path = candidate.string();
  file.content_type = ContentTypeOf(relative);
  file.immutable = relative.rfind("assets/", 0) == 0;
  return file;
}

}  // namespace shuanglian::http
