#include "store/file_publish.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include "store/file_locks.h"

namespace shuanglian::store {

namespace fs = std::filesystem;

// rename(2) would replace, so RENAME_NOREPLACE, which ext4, XFS, Btrfs, tmpfs, vfat and exFAT
// (a USB stick) know; where a file system does not, link(2), which refuses a name in use too;
// and where neither is there (EINVAL, EPERM, ENOTSUP), a look first and a plain rename.
int RenameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return 0;
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return errno;
  }
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return 0;
  }
  if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOSYS) {
    return errno;
  }
  std::error_code error;
  if (fs::exists(to, error) || error) {
    return EEXIST;
  }
  return ::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
}

void SyncDirectoryOf(const std::string& path) {
  const fs::path parent = fs::absolute(path).parent_path();
  const FileDescriptor directory(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) {
    ::fsync(directory.get());
  }
}

int PublishFile(const std::string& path, const std::string& bytes, bool replace) {
  // A name of its own (mkstemp) in the same directory: two runs never share a half file.
  std::string aside = path + ".partial-XXXXXX";
  const FileDescriptor file(::mkostemp(aside.data(), O_CLOEXEC));
  if (file.get() < 0) {
    return errno;
  }
  const auto give_up = [&](int error) {
    ::unlink(aside.c_str());
    return error;
  };
  ::fchmod(file.get(), 0644);
  for (std::size_t written = 0; written < bytes.size();) {
    const ssize_t count = ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      return give_up(errno);
    }
    written += static_cast<std::size_t>(count);
  }
  if (::fsync(file.get()) != 0) {
    return give_up(errno);
  }
  const int error = replace ? (::rename(aside.c_str(), path.c_str()) == 0 ? 0 : errno)
                            : RenameNoReplace(aside, path);
  if (error != 0) {
    return give_up(error);
  }
  SyncDirectoryOf(path);
  return 0;
}

}  // namespace shuanglian::store
