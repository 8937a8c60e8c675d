// A request body too large to keep in memory, written to disk as it arrives and read back
// through a read-only mapping: an upload costs the server a 64 KiB buffer, not its size in
// heap, and the handler still sees one contiguous string_view.
//
// The file has no name (O_TMPFILE; on file systems without it, a mkstemp name unlinked at
// once), so it vanishes when the request ends, and after a crash too.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace prongsai::http {

class Spool {
 public:
  // nullptr when the directory cannot take a file; `why` says why (for the log).
  static std::unique_ptr<Spool> open(const std::string& dir, std::string& why);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  bool write(const char* data, std::size_t n, std::string& why);
  // After the last write: maps the file. The view lives as long as the Spool.
  bool finish(std::string& why);
  std::string_view view() const { return {static_cast<const char*>(map_), size_}; }
  std::size_t size() const { return size_; }

 private:
  explicit Spool(int fd) : fd_(fd) {}
  int fd_ = -1;
  std::size_t size_ = 0;
  void* map_ = nullptr;
};

}  // namespace prongsai::http
