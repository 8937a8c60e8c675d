// See spool.hpp.
#include "http/spool.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace prongsai::http {

std::unique_ptr<Spool> Spool::open(const std::string& dir, std::string& why) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    std::string name = dir + "/prongsai-body-XXXXXX";
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) ::unlink(name.c_str());
  }
  if (fd < 0) {
    why = "cannot open a spool file in " + dir + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Spool>(new Spool(fd));
}

Spool::~Spool() {
  if (map_) ::munmap(map_, size_);
  if (fd_ >= 0) ::close(fd_);
}

bool Spool::write(const char* data, std::size_t n, std::string& why) {
  while (n > 0) {
    ssize_t w = ::write(fd_, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      why = std::string("spool write failed: ") + std::strerror(errno);
      return false;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
    size_ += static_cast<std::size_t>(w);
  }
  return true;
}

bool Spool::finish(std::string& why) {
  if (size_ == 0) return true;
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (p == MAP_FAILED) {
    why = std::string("spool mmap failed: ") + std::strerror(errno);
    return false;
  }
  ::madvise(p, size_, MADV_SEQUENTIAL);
  map_ = p;
  return true;
}

}  // namespace prongsai::http
