// A PDF without what its editor wrote about who made it: the document information dictionary
// (Author, Creator, Producer, times), the XMP metadata streams of the document and its pages,
// the PieceInfo private data editors keep, and the author names of comments (an annotation's
// /T); rewritten whole by qpdf, so the earlier revisions an incremental save leaves behind go
// too, and the file ID is made from the content instead of the time and place it was made.
//
// A citizen's PDF is untrusted: qpdf inflates object and cross-reference streams to read them,
// and 10 MB of deflate can ask for 10 GB. So the rewrite runs in a child process (fork, no
// exec) with its own memory and CPU limits and a deadline: a bomb or a crash costs the child,
// never the server. Stream contents are copied as they are (nothing else is inflated).
#define POINTERHOLDER_TRANSITION 4  // qpdf 11: std::shared_ptr throughout, no PointerHolder
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <new>
#include <string>
#include <string_view>

#include "files/files.hpp"

namespace prongsai::files {
namespace {

constexpr rlim_t kChildMemoryBytes = 256ull << 20;  // beyond what the server had already
constexpr rlim_t kChildCpuSeconds = 20;
constexpr int kDeadlineMs = 30'000;
constexpr int kUnreadable = 3;  // the child's exit status when qpdf cannot read the file
constexpr int kExhausted = 4;   // ... when reading it took more memory than the child has

// The rewritten PDF, or nothing when qpdf cannot read it (damaged beyond repair, or opened
// only with a password).
std::optional<std::string> rewrite(std::string_view in) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile("upload.pdf", in.data(), in.size());
    pdf.getTrailer().removeKey("/Info");
    pdf.getTrailer().removeKey("/ID");  // the first half is kept by every save: it would link copies
    QPDFObjectHandle root = pdf.getRoot();
    root.removeKey("/Metadata");
    root.removeKey("/PieceInfo");
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
      QPDFObjectHandle p = page.getObjectHandle();
      p.removeKey("/Metadata");
      p.removeKey("/PieceInfo");
      QPDFObjectHandle annots = p.getKey("/Annots");
      if (!annots.isArray()) continue;
      for (QPDFObjectHandle a : annots.aitems()) {
        if (a.isDictionary()) a.removeKey("/T");
      }
    }
    QPDFWriter w(pdf);
    w.setOutputMemory();
    w.setDecodeLevel(qpdf_dl_none);  // streams copied as they are: nothing inflated
    w.setCompressStreams(false);
    if (!pdf.isEncrypted()) w.setDeterministicID(true);
    w.write();
    std::shared_ptr<Buffer> out = w.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The child: limits first, then the rewrite, the result down the pipe. Never returns.
[[noreturn]] void child(std::string_view in, int out_fd) {
  // Nothing of the server's but the pipe: its sockets (a closed connection must not linger in
  // here) and other children's pipes (their reader must see the end when their child ends).
  if (out_fd != 3 && dup2(out_fd, 3) < 0) _exit(1);
  close_range(4, ~0U, 0);
  out_fd = 3;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, SIG_DFL);  // not the server's report
  rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  rlimit cpu{kChildCpuSeconds, kChildCpuSeconds};
  setrlimit(RLIMIT_CPU, &cpu);
  // RLIMIT_DATA counts the server's heap the child shares until it writes: allow that, and a
  // budget on top.
  long pages = 0, data = 0;
  if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
    long skip = 0;
    if (std::fscanf(f, "%ld %ld %ld %ld %ld %ld", &pages, &skip, &skip, &skip, &skip, &data) != 6) data = 0;
    std::fclose(f);
  }
  rlim_t mem = static_cast<rlim_t>(data) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + kChildMemoryBytes;
  rlimit dl{mem, mem};
  setrlimit(RLIMIT_DATA, &dl);
  // Out of memory anywhere (qpdf turns some failures into warnings): the child ends there.
  std::set_new_handler([] { _exit(kExhausted); });
  std::optional<std::string> out = rewrite(in);
  if (!out) _exit(kUnreadable);
  std::string_view rest = *out;
  while (!rest.empty()) {
    ssize_t n = write(out_fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(1);
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  _exit(0);
}

}  // namespace

Result<std::string> strip_pdf(std::string_view in) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return fail(Error::internal("pipe for the PDF rewrite"));
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return fail(Error::internal("fork for the PDF rewrite"));
  }
  if (pid == 0) {
    close(fds[0]);
    child(in, fds[1]);
  }
  close(fds[1]);
  // What comes back: at most the file again and a little (the rewrite drops, never adds much).
  const std::size_t max = in.size() * 2 + (1 << 20);
  std::string out;
  bool cut = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kDeadlineMs);
  char buf[1 << 16];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    int ready = left.count() > 0 ? poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {  // the deadline
      cut = true;
      break;
    }
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max) {
      cut = true;
      break;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  if (cut) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!cut && WIFEXITED(status) && WEXITSTATUS(status) == 0) return out;
  // Unreadable to qpdf: kept as it came (nothing could be read out of it to remove). Killed
  // by its limits, or cut off: a file built to exhaust, refused.
  if (!cut && WIFEXITED(status) && WEXITSTATUS(status) == kUnreadable) return std::string(in);
  return fail(Error::invalid_field("attachments", "error.pdf_refused"));
}

}  // namespace prongsai::files
