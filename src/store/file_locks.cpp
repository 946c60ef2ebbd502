#include "store/file_locks.h"

#include <fcntl.h>
#include <unistd.h>

namespace shuanglian::store {

namespace {

struct flock RangeOf(short type, off_t start, off_t length) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  lock.l_pid = 0;  // required of OFD locks
  return lock;
}

}  // namespace

FileDescriptor::~FileDescriptor() {
  if (descriptor_ >= 0) {
    ::close(descriptor_);
  }
}

bool TryLockRange(int descriptor, short type, off_t start, off_t length) {
  struct flock lock = RangeOf(type, start, length);
  return ::fcntl(descriptor, F_OFD_SETLK, &lock) == 0;
}

std::optional<bool> RangeLockedElsewhere(int descriptor, short type, off_t start, off_t length) {
  struct flock lock = RangeOf(type, start, length);
  if (::fcntl(descriptor, F_OFD_GETLK, &lock) != 0) {
    return std::nullopt;
  }
  return lock.l_type != F_UNLCK;
}

}  // namespace shuanglian::store
