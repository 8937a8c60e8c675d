// What a camera, a phone or an editor writes into an image about where, when and on what it
// was made (EXIF with GPS, XMP, IPTC, comments, PNG text chunks), removed before a citizen's
// file is kept. The pixels are not touched (no re-encoding): segments and chunks are dropped.
// A JPEG keeps its orientation (a minimal EXIF block with that tag only), or a phone's
// portrait photo would show sideways; colour profiles and Adobe's colour transform stay.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "documents/xml.hpp"
#include "files/files.hpp"

namespace prongsai::files {
namespace {

std::uint32_t be16(std::string_view s, std::size_t at) {
  return (static_cast<std::uint8_t>(s[at]) << 8) | static_cast<std::uint8_t>(s[at + 1]);
}
std::uint32_t be32(std::string_view s, std::size_t at) { return (be16(s, at) << 16) | be16(s, at + 2); }
std::uint32_t le32(std::string_view s, std::size_t at) {
  return static_cast<std::uint8_t>(s[at]) | (static_cast<std::uint8_t>(s[at + 1]) << 8) |
         (static_cast<std::uint8_t>(s[at + 2]) << 16) |
         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 3])) << 24);
}
void put_le32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

Error damaged() { return Error::invalid_field("attachments", "error.file_damaged"); }

// The Orientation tag (0x0112) of an EXIF block ("Exif\0\0" and a TIFF structure), if any.
std::optional<std::uint16_t> exif_orientation(std::string_view exif) {
  if (exif.size() < 6 + 8 || !exif.starts_with(std::string_view("Exif\0\0", 6))) return std::nullopt;
  std::string_view tiff = exif.substr(6);
  bool big = tiff.starts_with("MM");
  if (!big && !tiff.starts_with("II")) return std::nullopt;
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    std::uint32_t a = static_cast<std::uint8_t>(tiff[at]), b = static_cast<std::uint8_t>(tiff[at + 1]);
    return big ? (a << 8) | b : (b << 8) | a;
  };
  auto u32 = [&](std::size_t at) { return big ? (u16(at) << 16) | u16(at + 2) : (u16(at + 2) << 16) | u16(at); };
  std::size_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return std::nullopt;
  std::size_t entries = u16(ifd);
  for (std::size_t i = 0; i < entries; ++i) {
    std::size_t e = ifd + 2 + 12 * i;
    if (e + 12 > tiff.size()) return std::nullopt;
    if (u16(e) == 0x0112 && u16(e + 2) == 3) {
      std::uint32_t v = u16(e + 8);
      if (v >= 1 && v <= 8) return static_cast<std::uint16_t>(v);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// APP1 holding only the orientation: "Exif\0\0", a big-endian TIFF header, one IFD entry.
std::string orientation_segment(std::uint16_t orientation) {
  std::string payload("Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01", 24);
  payload += static_cast<char>(orientation >> 8);
  payload += static_cast<char>(orientation & 0xff);
  payload.append(6, '\0');  // the value's padding, then no next IFD
  std::size_t length = payload.size() + 2;
  return std::string("\xff\xe1", 2) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xff) + payload;
}

Result<std::string> strip_jpeg(std::string_view in) {
  std::string out(in.substr(0, 2));  // SOI
  std::size_t at = 2;
  while (true) {
    if (at + 2 > in.size() || static_cast<std::uint8_t>(in[at]) != 0xff) return fail(damaged());
    std::uint8_t marker = static_cast<std::uint8_t>(in[at + 1]);
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xda || marker == 0xd9) {  // start of scan (or an empty image): the rest is image data
      out.append(in.substr(at));
      return out;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {  // no length
      out.append(in.substr(at, 2));
      at += 2;
      continue;
    }
    if (at + 4 > in.size()) return fail(damaged());
    std::size_t length = be16(in, at + 2);
    if (length < 2 || at + 2 + length > in.size()) return fail(damaged());
    std::string_view segment = in.substr(at, 2 + length), payload = in.substr(at + 4, length - 2);
    bool keep = true;
    if (marker == 0xe1) {  // EXIF or XMP: only the orientation survives
      keep = false;
      if (auto o = exif_orientation(payload); o && *o != 1) out += orientation_segment(*o);
    } else if (marker == 0xe2) {
      keep = payload.starts_with(std::string_view("ICC_PROFILE\0", 12));
    } else if (marker >= 0xe3 && marker <= 0xef) {
      keep = marker == 0xee;  // Adobe's colour transform decides how the pixels decode
    } else if (marker == 0xfe) {
      keep = false;  // a comment
    }
    if (keep) out.append(segment);
    at += 2 + length;
  }
}

// A PNG cut short (an upload broken off) keeps its whole chunks; the cut one, which no viewer
// shows and which might be text, is dropped.
Result<std::string> strip_png(std::string_view in) {
  std::string out(in.substr(0, 8));
  std::size_t at = 8;
  while (at + 12 <= in.size()) {
    std::size_t length = be32(in, at);
    if (length > in.size() - at - 12) return out;
    std::string_view type = in.substr(at + 4, 4);
    bool text = type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
    if (!text) out.append(in.substr(at, 12 + length));
    at += 12 + length;
    if (type == "IEND") return out;
  }
  return out;
}

Result<std::string> strip_webp(std::string_view in) {
  if (in.size() < 12) return fail(damaged());
  std::string out(in.substr(0, 12));
  std::size_t at = 12;
  while (at + 8 <= in.size()) {
    std::size_t length = le32(in, at + 4);
    std::size_t padded = length + (length & 1);
    if (padded > in.size() - at - 8) return fail(damaged());
    std::string_view type = in.substr(at, 4);
    if (type != "EXIF" && type != "XMP ") {
      std::size_t start = out.size();
      out.append(in.substr(at, 8 + padded));
      if (type == "VP8X" && length >= 1) out[start + 8] = static_cast<char>(out[start + 8] & ~0x0c);  // no EXIF, XMP
    }
    at += 8 + padded;
  }
  put_le32(out, 4, static_cast<std::uint32_t>(out.size() - 8));
  return out;
}

// Office packages: who wrote and last saved the file, when, the company and manager, and any
// custom properties go; the content stays. OOXML keeps them in docProps/, ODF in meta.xml.
constexpr const char* kEmptyCore =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>";
constexpr const char* kEmptyCustom =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"/>";
constexpr const char* kEmptyMeta =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "office:version=\"1.2\"><office:meta/></office:document-meta>";

// `xml` without the named elements, empty or not (app.xml's Company, Word's presenceInfo).
std::string without_elements(std::string xml, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    std::string open = "<" + std::string(name), close = "</" + std::string(name) + ">";
    for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at)) {
      char next = at + open.size() < xml.size() ? xml[at + open.size()] : '\0';
      if (next != '>' && next != ' ' && next != '/') {
        at += open.size();
        continue;
      }
      std::size_t end = xml.find('>', at);
      if (end == std::string::npos) break;
      if (xml[end - 1] == '/') {
        xml.erase(at, end + 1 - at);
        continue;
      }
      std::size_t closing = xml.find(close, end);
      if (closing == std::string::npos) break;
      xml.erase(at, closing + close.size() - at);
    }
  }
  return xml;
}

// `xml` with every attribute `name` (as written: "w:author") given `value`, or dropped when
// `value` is null. Attribute values hold no '"' (XML escapes it), so the next one ends it.
std::string with_attribute(std::string xml, std::string_view name, const char* value) {
  std::string key = " " + std::string(name) + "=\"";
  for (std::size_t at = xml.find(key); at != std::string::npos; at = xml.find(key, at)) {
    std::size_t start = at + key.size(), end = xml.find('"', start);
    if (end == std::string::npos) break;
    if (value) {
      xml.replace(start, end - start, value);
      at = start + std::strlen(value);
    } else {
      xml.erase(at, end + 1 - at);
    }
  }
  return xml;
}

// `xml` with the text of every <name>…</name> element set to `value` (an Excel comment's author).
std::string with_element_text(std::string xml, std::string_view name, std::string_view value) {
  std::string open = "<" + std::string(name) + ">", close = "</" + std::string(name) + ">";
  for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at)) {
    std::size_t start = at + open.size(), end = xml.find(close, start);
    if (end == std::string::npos) break;
    xml.replace(start, end - start, value);
    at = start + value.size() + close.size();
  }
  return xml;
}

constexpr const char* kNobody = "ผู้เขียน";  // what every comment and tracked change is said to be by

// The names and times in a Word file's tracked changes and comments, and in an Excel file's
// comments and threaded comments, replaced: who wrote what, and when, goes; what was written
// stays. Parts: Word's story parts (document, comments, headers, footers, notes) and its list of
// people; Excel's comments, threaded comments and persons.
void name_nobody(std::string_view in, std::vector<std::pair<std::string, std::string>>& parts) {
  auto names = documents::zip_names(in, kMaxZipEntries);
  if (!names) return;
  for (const std::string& n : *names) {
    if (!n.ends_with(".xml")) continue;
    bool word = n.starts_with("word/") && n.find('/', 5) == std::string::npos;
    bool excel = n.starts_with("xl/comments") || n.starts_with("xl/threadedComments/") || n.starts_with("xl/persons/");
    if (!word && !excel) continue;
    auto xml = documents::unzip_part(in, n);
    if (!xml) continue;
    std::string out = std::move(*xml);
    if (word) {
      out = with_attribute(std::move(out), "w:author", kNobody);
      out = with_attribute(std::move(out), "w:initials", nullptr);
      out = with_attribute(std::move(out), "w:date", nullptr);
      out = with_attribute(std::move(out), "w15:author", kNobody);
      out = without_elements(std::move(out), {"w15:presenceInfo"});  // an account's e-mail or id
    } else {
      out = with_element_text(std::move(out), "author", kNobody);
      out = with_attribute(std::move(out), "displayName", kNobody);
      out = with_attribute(std::move(out), "userId", nullptr);
      out = with_attribute(std::move(out), "providerId", nullptr);
      out = with_attribute(std::move(out), "dT", nullptr);
    }
    parts.emplace_back(n, std::move(out));
  }
}

Result<std::string> strip_office(std::string_view in, bool odf) {
  std::vector<std::pair<std::string, std::string>> parts;
  if (odf) {
    parts.emplace_back("meta.xml", kEmptyMeta);
    // Tracked changes and comments name their author in <dc:creator> (their <dc:date> stays:
    // the schema requires it).
    for (const char* n : {"content.xml", "styles.xml"}) {
      if (auto xml = documents::unzip_part(in, n))
        parts.emplace_back(n, with_element_text(std::move(*xml), "dc:creator", kNobody));
    }
  } else {
    parts.emplace_back("docProps/core.xml", kEmptyCore);
    parts.emplace_back("docProps/custom.xml", kEmptyCustom);
    if (auto app = documents::unzip_part(in, "docProps/app.xml", 1 << 20))
      parts.emplace_back("docProps/app.xml", without_elements(*app, {"Company", "Manager", "HyperlinkBase"}));
    name_nobody(in, parts);
  }
  auto out = documents::replace_parts(in, parts);
  if (!out) return fail(Error::invalid_field("attachments", "error.file_archive"));
  return std::move(*out);
}

}  // namespace

Result<std::string> strip_metadata(std::string_view data, const Kind& kind) {
  if (kind.extension == "jpg") return strip_jpeg(data);
  if (kind.extension == "png") return strip_png(data);
  if (kind.extension == "webp") return strip_webp(data);
  if (kind.extension == "docx" || kind.extension == "xlsx") return strip_office(data, false);
  if (kind.extension == "odt" || kind.extension == "ods") return strip_office(data, true);
  if (kind.extension == "pdf") return strip_pdf(data);
  return std::string(data);
}

bool keeps_metadata(const Kind& kind) { return !kind.content_type.starts_with("image/") && kind.extension != "pdf"; }

}  // namespace prongsai::files
