// Uploaded files: what a file is, judged by its bytes (never by its name or the type the
// client claims); storing it once per agency under its SHA-256, inside the write transaction
// of the record that uses it; and answering a download safely.
//
// Accepted: PDF, PNG, JPEG, GIF, WebP, and the office packages DOCX, XLSX, ODT, ODS (zip
// archives inspected by inflating every entry, so a zip bomb is refused); SVG only where a form
// asks for it (an emblem), cleaned. Everything else, HTML above all, is refused.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace prongsai::files {

struct Kind {
  std::string_view content_type;
  std::string_view extension;  // "pdf"
  bool shown_inline = false;   // PDF and images open in the browser; office files download
};

// error.file_type for anything not on the list, error.file_archive for an office package that
// is damaged, holds too many entries or inflates too far; error.file_empty for no bytes.
// `max_inflated` bounds what an office package may inflate to.
constexpr std::uint64_t kMaxInflated = 200ull << 20;
Result<Kind> sniff(std::string_view data, std::uint64_t max_inflated = kMaxInflated);

// A file a record points at.
struct Ref {
  std::string sha256;
  std::string name;  // as uploaded, cleaned: shown to people and used for the download
  std::string content_type;
  std::int64_t size = 0;
};

// A file as received, before it is checked.
struct Upload {
  std::string name;  // as the client sent it
  std::string_view data;
};

// What one file field of a form accepts. Every upload a module takes is checked by `check`
// against one, and every error names `field`.
struct Policy {
  std::string field;
  std::size_t max_bytes = 20 << 20;          // one file
  std::size_t max_files = 0;                 // 0: as many as the request may carry
  std::function<bool(const Kind&)> accepts;  // null: every kind sniff knows
  std::string too_large = "error.file_too_large";
  std::string too_many = "error.too_many_files";
  std::string not_accepted = "error.file_type";  // a kind sniff knows that `accepts` refuses
  bool strip = false;                            // without what a camera or editor wrote in it
  bool svg = false;                              // SVG too (an emblem): accepted only as clean_svg writes it again
  // A refused file's name as the error's detail, for the log (staff's files); otherwise the
  // detail says why. Never for what citizens send: a file's name can tell who made it.
  bool name_in_detail = false;
};

// An upload that passed: its kind, and with Policy::strip its bytes without their metadata.
struct Checked {
  const Upload* upload = nullptr;
  Kind kind;
  std::optional<std::string> stripped;
  std::string_view data() const { return stripped ? std::string_view(*stripped) : upload->data; }
};

// Empty file inputs (no name, no bytes) are left out. Then, in this order: more files than
// max_files; for each upload, larger than max_bytes (said before a byte is read), not a kind
// sniff knows (its key), not accepted, and with strip, not strippable (its error as it is).
// Nothing is stored: the caller writes what passed in its own transaction.
Result<std::vector<Checked>> check(const std::vector<Upload>& uploads, const Policy& policy);

// The file without what a camera, phone or editor wrote about it (files/metadata.cpp): JPEG,
// PNG and WebP lose EXIF (GPS, camera, time; a JPEG keeps its orientation), XMP, IPTC,
// comments and text chunks, pixels untouched; DOCX/XLSX lose their document properties
// (author, last saved by, times, company, manager, custom properties) and ODT/ODS their
// meta.xml; comments and tracked changes are said to be by "ผู้เขียน", without their times
// (ODF keeps the times its schema requires), what they say untouched; a PDF is rewritten by
// strip_pdf. error.file_damaged when an image does not parse, error.file_archive when an
// office package cannot be rewritten.
Result<std::string> strip_metadata(std::string_view data, const Kind& kind);
// A PDF without its information dictionary (author, creator, producer, times), XMP metadata,
// PieceInfo, comment authors and earlier revisions (files/pdf.cpp): rewritten by qpdf in a
// child process with its own memory and CPU limits. A PDF qpdf cannot read comes back as it
// came; one that exhausts the child's limits is refused (error.pdf_refused).
Result<std::string> strip_pdf(std::string_view data);
// SVG, which sniff refuses (it can carry scripts): accepted only where a Policy says `svg`, and
// then only as clean_svg writes it again (files/svg.cpp, libxml2). `looks_like_svg`: XML whose
// first element is <svg>, by its first bytes.
inline constexpr Kind kSvg{"image/svg+xml", "svg", true};
bool looks_like_svg(std::string_view data);
// The drawing parsed (no network, no DTD, no entities) and written again without comments,
// <metadata> or an editor's own elements and attributes (Inkscape, Sodipodi, Illustrator).
// Refused (error.svg_unsafe, the detail naming what) for anything not on the allow-list of
// static drawing elements (<script>, <foreignObject>, animation, links), an event handler
// attribute, a reference outside the file (href, url(), @import) but for a PNG/JPEG/GIF/WebP
// picture carried inside it; error.svg_damaged when it is not well-formed SVG; error.svg_no_size
// without a viewBox (or width and height) to scale it by.
Result<std::string> clean_svg(std::string_view data);

// Whether a kind may still hold what its author did not mean to send after strip_metadata (an
// office file's tracked changes keep the deleted text): the citizen is told so before sending.
bool keeps_metadata(const Kind& kind);
// Entries an office package may hold: more is refused at upload (sniff), and not read after.
constexpr std::size_t kMaxZipEntries = 10000;

// A name safe to show and to put in Content-Disposition: the base name, no control or path
// characters, at most 120 code points, ending in the kind's extension.
std::string clean_name(std::string_view raw, const Kind& kind);

// What a stored file is, for a reader: "PDF", "DOCX", "PNG" (by its checked name), and its size:
// "350 KB", "1.2 MB".
std::string type_label(const Ref& ref);
std::string size_label(std::int64_t bytes);

// Stores the bytes under their hash (nothing when the agency has them already). Call inside
// a write transaction after its change is recorded.
Ref put(store::WriteTx& tx, std::int64_t agency_id, std::string_view name, std::string_view data, const Kind& kind);

std::optional<std::string> get(store::ReadTx& tx, std::int64_t agency_id, std::string_view sha256);

// The download: the stored type, nosniff, a sandboxing CSP, inline only for PDF and images,
// private caching keyed by the hash; or, for what must not stay on the reader's computer (a
// complaint's evidence, decrypted), no caching at all.
enum class Caching { private_day, none };
http::Response download(const Ref& ref, std::string data, Caching caching = Caching::private_day);

}  // namespace prongsai::files
