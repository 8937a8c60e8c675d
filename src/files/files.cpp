// See files.hpp.
#include "files/files.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/xml.hpp"

namespace prongsai::files {
namespace {

constexpr std::size_t kMaxNameChars = 120;

constexpr Kind kPdf{"application/pdf", "pdf", true};
constexpr Kind kPng{"image/png", "png", true};
constexpr Kind kJpeg{"image/jpeg", "jpg", true};
constexpr Kind kGif{"image/gif", "gif", true};
constexpr Kind kWebp{"image/webp", "webp", true};
constexpr Kind kDocx{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", false};
constexpr Kind kXlsx{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false};
constexpr Kind kOdt{"application/vnd.oasis.opendocument.text", "odt", false};
constexpr Kind kOds{"application/vnd.oasis.opendocument.spreadsheet", "ods", false};

constexpr std::string_view kInsertBlob =
    "INSERT INTO file_blobs (agency_id, sha256, size, content_type, data, created_at) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (agency_id, sha256) DO NOTHING";
constexpr std::string_view kSelectBlob = "SELECT data FROM file_blobs WHERE agency_id = ? AND sha256 = ?";

bool starts(std::string_view data, std::string_view magic) { return data.substr(0, magic.size()) == magic; }

Error refused(const char* key, const char* detail) { return Error::make(ErrorKind::invalid, key, detail, "file"); }

Result<Kind> office(std::string_view data, std::uint64_t max_inflated) {
  auto zip = documents::inspect_zip(data, max_inflated, kMaxZipEntries);
  if (!zip) return fail(refused("error.file_archive", "unreadable, too many entries or inflates too far"));
  auto has = [&](std::string_view name) {
    return std::find(zip->names.begin(), zip->names.end(), name) != zip->names.end();
  };
  if (has("[Content_Types].xml") && has("word/document.xml")) return kDocx;
  if (has("[Content_Types].xml") && has("xl/workbook.xml")) return kXlsx;
  if (has("mimetype")) {
    auto type = documents::unzip_part(data, "mimetype", 200);
    if (type == "application/vnd.oasis.opendocument.text") return kOdt;
    if (type == "application/vnd.oasis.opendocument.spreadsheet") return kOds;
  }
  return fail(refused("error.file_type", "a zip archive that is not an office document"));
}

// What a stored file is, for its download, without inflating anything (a download costs no
// more than its bytes): a zip archive is the office kind found at upload (its stored content
// type), anything else what its first bytes say.
std::optional<Kind> stored_kind(std::string_view content_type, std::string_view data) {
  if (content_type == kSvg.content_type && looks_like_svg(data)) return kSvg;  // cleaned when it came
  if (!starts(data, "PK\x03\x04")) {
    auto k = sniff(data);  // by magic bytes only: no archive to open
    return k ? std::optional<Kind>(*k) : std::nullopt;
  }
  for (const Kind& k : {kDocx, kXlsx, kOdt, kOds})
    if (k.content_type == content_type) return k;
  return std::nullopt;
}

}  // namespace

Result<Kind> sniff(std::string_view data, std::uint64_t max_inflated) {
  if (data.empty()) return fail(refused("error.file_empty", "no bytes"));
  if (starts(data, "%PDF-")) return kPdf;
  if (starts(data, "\x89PNG\r\n\x1a\n")) return kPng;
  if (starts(data, "\xFF\xD8\xFF")) return kJpeg;
  if (starts(data, "GIF87a") || starts(data, "GIF89a")) return kGif;
  if (starts(data, "RIFF") && data.size() > 12 && data.substr(8, 4) == "WEBP") return kWebp;
  if (starts(data, "PK\x03\x04")) return office(data, max_inflated);
  return fail(refused("error.file_type", "not an accepted kind"));
}

Result<std::vector<Checked>> check(const std::vector<Upload>& uploads, const Policy& policy) {
  std::vector<const Upload*> sent;
  for (const Upload& u : uploads)
    if (!u.data.empty() || !u.name.empty()) sent.push_back(&u);
  if (policy.max_files > 0 && sent.size() > policy.max_files)
    return fail(Error::invalid_field(policy.field, policy.too_many));
  std::vector<Checked> out;
  out.reserve(sent.size());
  for (const Upload* u : sent) {
    if (u->data.size() > policy.max_bytes) return fail(Error::invalid_field(policy.field, policy.too_large));
    if (policy.svg && looks_like_svg(u->data)) {
      auto cleaned = clean_svg(u->data);
      if (!cleaned)
        return fail(Error::make(ErrorKind::invalid, cleaned.error().message_key, cleaned.error().detail, policy.field));
      out.push_back(Checked{u, kSvg, std::move(*cleaned)});
      continue;
    }
    auto kind = sniff(u->data);
    if (!kind)
      return fail(Error::make(ErrorKind::invalid, kind.error().message_key,
                              policy.name_in_detail ? u->name : kind.error().detail, policy.field));
    if (policy.accepts && !policy.accepts(*kind)) return fail(Error::invalid_field(policy.field, policy.not_accepted));
    Checked c{u, *kind};
    if (policy.strip) {
      auto stripped = strip_metadata(u->data, *kind);
      if (!stripped) return fail(stripped.error());
      c.stripped = std::move(*stripped);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string type_label(const Ref& ref) {
  auto dot = ref.name.rfind('.');
  return dot == std::string::npos ? std::string() : text::ascii_upper(ref.name.substr(dot + 1));
}

std::string size_label(std::int64_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(std::max<std::int64_t>(1, (bytes + 1023) / 1024)) + " KB";
  return text::fixed(static_cast<double>(bytes) / (1024.0 * 1024.0), 1) + " MB";
}

std::string clean_name(std::string_view raw, const Kind& kind) {
  // The last path segment (browsers on Windows send "C:\...\name.pdf").
  auto slash = raw.find_last_of("/\\");
  if (slash != std::string_view::npos) raw.remove_prefix(slash + 1);
  std::string name;
  if (auto cleaned = text::clean(raw)) name = *cleaned;
  std::string safe;
  for (char c : name) {
    // Quotes and separators would break the Content-Disposition header; keep the rest.
    if (c == '"' || c == '\\' || c == '/' || c == ';' || c == ':' || c == '*' || c == '?' || c == '<' || c == '>' ||
        c == '|')
      safe += '_';
    else
      safe += c;
  }
  std::string ext = "." + std::string(kind.extension);
  std::string lower = text::ascii_lower(safe);
  if (lower.size() >= ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0)
    safe.resize(safe.size() - ext.size());
  safe = text::truncate(safe, kMaxNameChars);
  while (!safe.empty() && (safe.front() == '.' || safe.front() == ' ')) safe.erase(0, 1);
  if (safe.empty()) safe = "file";
  return safe + ext;
}

Ref put(store::WriteTx& tx, std::int64_t agency_id, std::string_view name, std::string_view data, const Kind& kind) {
  Ref ref{crypto::sha256_hex(data), clean_name(name, kind), std::string(kind.content_type),
          static_cast<std::int64_t>(data.size())};
  tx.also(kInsertBlob, {agency_id, ref.sha256, ref.size, ref.content_type, store::BlobView{data}, tx.now()});
  return ref;
}

std::optional<std::string> get(store::ReadTx& tx, std::int64_t agency_id, std::string_view sha256) {
  auto row = tx.query_one(kSelectBlob, {agency_id, std::string(sha256)});
  if (!row) return std::nullopt;
  return row->text("data");
}

http::Response download(const Ref& ref, std::string data, Caching caching) {
  http::Response r;
  r.body = std::move(data);
  // What the bytes are (a record cannot make them another kind), an office file by what it was
  // found to be at upload: not inflated again for each download.
  auto kind = stored_kind(ref.content_type, r.body);
  bool shown_inline = kind && kind->shown_inline;
  r.header("Content-Type", kind ? std::string(kind->content_type) : "application/octet-stream");
  r.header("Content-Disposition",
           http::content_disposition(
               shown_inline ? http::Response::Disposition::shown : http::Response::Disposition::attachment, ref.name));
  r.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  if (caching == Caching::none) {
    r.header("Cache-Control", "no-store");
    return r;
  }
  r.header("ETag", "\"" + ref.sha256 + "\"");
  r.header("Cache-Control", "private, max-age=86400, immutable");
  return r;
}

}  // namespace prongsai::files
