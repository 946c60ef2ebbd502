// Visit photos: uploaded once, kept as files named by their SHA-256 (the same photo twice is
// the same file, which is how the integrity report sees a photo used for two visits).
#include <boost/json.hpp>
#include <filesystem>

#include "api/api.h"
#include "api/fieldwork_writes.h"
#include "store/fieldwork_store.h"
#include "store/photo_files.h"
#include "store/scope_sql.h"
#include "store/sha256.h"

namespace shuanglian::api {

namespace {

constexpr std::size_t kMaxPhotoBytes = 8u << 20;

// What the bytes are, from their first bytes; the client's word is not taken for it.
std::string ImageType(const std::string& bytes) {
  if (bytes.size() > 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0) {
    return "image/jpeg";
  }
  if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) {
    return "image/png";
  }
  if (bytes.size() > 12 && bytes.compare(0, 4, "RIFF") == 0 && bytes.compare(8, 4, "WEBP") == 0) {
    return "image/webp";
  }
  return "";
}

std::string PhotoPath(Context& context, const std::string& sha256) {
  return store::PhotoPath(context.state().photo_directory, sha256);
}

Response Upload(Context& context) {
  context.Require("fieldwork:record:add");
  context.RequireWrite();
  const std::string& bytes = context.request().body;
  if (bytes.empty() || bytes.size() > kMaxPhotoBytes) {
    throw ApiError(413, "bad_photo", "照片应在 8 MB 以内");
  }
  const std::string type = ImageType(bytes);
  if (type.empty()) {
    throw ApiError(415, "bad_photo", "只接受 JPEG、PNG 或 WebP 照片");
  }
  const std::string sha256 = store::Sha256Hex(bytes);
  if (!std::filesystem::exists(PhotoPath(context, sha256)) &&
      !store::WritePhotoFile(context.state().photo_directory, sha256, bytes)) {
    throw ApiError(500, "storage_failed", "服务器无法保存照片");
  }
  store::FieldworkStore(context.db(), context.state().dictionaries)
      .RegisterPhoto(sha256, static_cast<std::int64_t>(bytes.size()), type,
                     WriteContextOf(context));
  return Response::Json(boost::json::object{{"sha256", sha256},
                                            {"bytes", static_cast<std::int64_t>(bytes.size())},
                                            {"content_type", type}},
                        201);
}

Response Download(Context& context) {
  context.Require("fieldwork:record:query");
  const std::string sha256 = context.Param("sha256");
  if (sha256.size() != 64 || sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw ApiError(404, "not_found", "没有这张照片");
  }
  // Visible with a visit the user sees, or to whoever uploaded it.
  std::vector<store::Param> params{sha256, context.user().username};
  // The condition binds its parameters first: a call's arguments are evaluated in no set
  // order, so `params` must not be read in the same call that appends to it.
  const std::string visible = store::FieldRecordScopeCondition(context.scope(), params, "visits");
  const auto rows = context.db().Query(
      "SELECT p.content_type FROM photos p WHERE p.sha256 = $1 AND (p.uploaded_by = $2 OR EXISTS "
      "(SELECT 1 FROM visit_photos vp JOIN visits r ON r.id = vp.visit_id WHERE vp.sha256 = "
      "p.sha256 "
      "AND " +
          visible + "))",
      params);
  if (rows.empty() || !std::filesystem::exists(PhotoPath(context, sha256))) {
    throw ApiError(404, "not_found", "没有这张照片，或不在您的管理范围内");
  }
  Response response;
  response.file_path = PhotoPath(context, sha256);
  response.content_type = rows[0].Text(0);
  response.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");
  return response;
}

}  // namespace

std::vector<Route> PhotoRoutes() {
  return {{"POST", "/api/v1/photos", Upload}, {"GET", "/api/v1/photos/{sha256}", Download}};
}

}  // namespace shuanglian::api
