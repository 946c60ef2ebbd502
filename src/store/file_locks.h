#pragma once

#include <sys/types.h>

#include <optional>

namespace shuanglian::store {

// A file descriptor, closed when the object ends (and with it any lock taken through it).
class FileDescriptor {
 public:
  explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return descriptor_; }

 private:
  int descriptor_;
};

// Locks of open file descriptions (F_OFD_*), for marks that must end with their process
// however it ends: held per descriptor, so a second descriptor in the same process sees them
// too (POSIX record locks would hide a process's own), and unlike POSIX locks they do not
// vanish when the process closes some other descriptor of the file. `type` is F_RDLCK or
// F_WRLCK; a `length` of 0 reaches to the end of the file, however long it grows. A lock may
// lie past the end of the file.

// Takes the lock without waiting: whether it was taken (when not, errno says why).
bool TryLockRange(int descriptor, short type, off_t start, off_t length);

// Whether a lock of `type` on the range would meet one held through another description; none
// when the file system cannot tell.
std::optional<bool> RangeLockedElsewhere(int descriptor, short type, off_t start, off_t length);

}  // namespace shuanglian::store
