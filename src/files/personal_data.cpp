// See personal_data.hpp. poppler-cpp reads a PDF's text page by page; libxml2 an office
// package's parts; Tesseract (with Leptonica reading the image) an image, in Thai and English.
#include "files/personal_data.hpp"

#include <leptonica/allheaders.h>
#include <libxml/xmlreader.h>
#include <tesseract/capi.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <algorithm>
#include <memory>
#include <mutex>

#include "core/text.hpp"
#include "documents/xml.hpp"

namespace prongsai::files {
namespace {

constexpr std::size_t kMaxPart = 64 << 20;  // an office part, inflated (sniff has bounded the package)
constexpr std::size_t kMaxParts = 2000;

// Thai digits (๐–๙, U+0E50–U+0E59) as ASCII ones; everything else as it is.
std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xE0 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xB9) {
      const auto d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        out += static_cast<char>('0' + (d - 0x90));
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool separator(char c) { return c == '-' || c == ' ' || c == '.'; }

// A run of digit groups, each joined to the next by one separator: "081-234-5678".
struct Group {
  std::size_t begin = 0, end = 0;  // in the text
  char before = 0;                 // the separator before it; 0 for a run's first
};

std::vector<std::vector<Group>> digit_runs(const std::string& t) {
  std::vector<std::vector<Group>> runs;
  std::size_t i = 0;
  while (i < t.size()) {
    if (!digit(t[i])) {
      ++i;
      continue;
    }
    std::vector<Group> run;
    for (;;) {
      Group g{i, i, run.empty() ? '\0' : t[i - 1]};
      while (g.end < t.size() && digit(t[g.end])) ++g.end;
      run.push_back(g);
      i = g.end;
      if (i + 1 < t.size() && separator(t[i]) && digit(t[i + 1]))
        ++i;  // one separator, then the next group
      else
        break;
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

std::string digits_of(const std::string& t, const std::vector<Group>& groups, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t g = from; g < to; ++g) out.append(t, groups[g].begin, groups[g].end - groups[g].begin);
  return out;
}

bool phone_number(const std::string& d) {
  if (d.size() == 10) return d[0] == '0' && (d[1] == '6' || d[1] == '8' || d[1] == '9');  // mobile
  if (d.size() == 9) return d[0] == '0' && d[1] >= '2' && d[1] <= '7';                    // fixed line
  return false;
}

std::string masked_id(const std::string& d) {
  return d.substr(0, 1) + "-" + d.substr(1, 4) + "-xxxxx-xx-" + d.substr(12, 1);
}
std::string masked_phone(const std::string& d) { return d.substr(0, 3) + "-xxx-" + d.substr(d.size() - 4); }
std::string masked_email(const std::string& local, const std::string& domain) {
  return local.substr(0, std::min<std::size_t>(2, local.size())) + "***@" + domain;
}

bool email_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
bool domain_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c) || c == '.' || c == '-';
}

void add(PersonalScan& scan, PersonalKind kind, std::string shown, int page) {
  for (const Finding& f : scan.findings)
    if (f.kind == kind && f.shown == shown) return;
  scan.findings.push_back({kind, std::move(shown), page});
}

void scan_into(PersonalScan& scan, std::string_view raw, const Allowed& allowed, int page) {
  const std::string t = ascii_digits(raw);
  for (const std::vector<Group>& run : digit_runs(t)) {
    // Each stretch of whole groups: 13 digits in one group, as 1-4-5-2-1, or in groups joined
    // mostly by dashes (as OCR reads a dashed number, a space slipped in) is an ID number (a
    // company's tax number, the same shape, begins with 0); 9 or 10 from 0 a phone.
    for (std::size_t from = 0; from < run.size(); ++from) {
      for (std::size_t to = from + 1; to <= run.size(); ++to) {
        const std::string d = digits_of(t, run, from, to);
        if (d.size() > 13) break;
        if (d.size() == 13 && d[0] != '0' && valid_thai_id(d)) {
          std::vector<std::size_t> sizes;
          int dashes = 0;
          for (std::size_t g = from; g < to; ++g) {
            sizes.push_back(run[g].end - run[g].begin);
            if (g > from && run[g].before == '-') ++dashes;
          }
          if (sizes == std::vector<std::size_t>{13} || sizes == std::vector<std::size_t>{1, 4, 5, 2, 1} || dashes >= 3)
            add(scan, PersonalKind::thai_id, masked_id(d), page);
        } else if (phone_number(d)) {
          if (std::find(allowed.phones.begin(), allowed.phones.end(), d) == allowed.phones.end())
            add(scan, PersonalKind::phone, masked_phone(d), page);
        }
      }
    }
  }
  // +66 8x xxx xxxx: the same mobile and fixed lines written for abroad.
  for (std::size_t at = t.find("+66"); at != std::string::npos; at = t.find("+66", at + 3)) {
    std::string d = "0";
    std::size_t i = at + 3;
    while (i < t.size() && d.size() < 11 && (digit(t[i]) || separator(t[i]))) {
      if (digit(t[i])) d += t[i];
      ++i;
    }
    if (d.size() > 10) d.resize(10);
    if (!phone_number(d) && d.size() == 10) d.resize(9);
    if (phone_number(d) && std::find(allowed.phones.begin(), allowed.phones.end(), d) == allowed.phones.end())
      add(scan, PersonalKind::phone, masked_phone(d), page);
  }
  for (std::size_t at = t.find('@'); at != std::string::npos; at = t.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && email_char(t[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < t.size() && domain_char(t[e])) ++e;
    while (e > at + 1 && (t[e - 1] == '.' || t[e - 1] == '-')) --e;  // a sentence's full stop
    const std::string local = t.substr(b, at - b);
    const std::string domain = text::ascii_lower(t.substr(at + 1, e - at - 1));
    const auto dot = domain.rfind('.');
    if (local.empty() || dot == std::string::npos || dot == 0 || domain.size() - dot < 3) continue;
    const std::string address = text::ascii_lower(local) + "@" + domain;
    const bool own =
        std::any_of(allowed.email_domains.begin(), allowed.email_domains.end(),
                    [&](const std::string& d) {
                      const std::string mine = text::ascii_lower(d);
                      return domain == mine || (domain.size() > mine.size() && domain.ends_with("." + mine));
                    }) ||
        std::any_of(allowed.emails.begin(), allowed.emails.end(),
                    [&](const std::string& e) { return text::ascii_lower(e) == address; });
    if (!own) add(scan, PersonalKind::email, masked_email(local, domain), page);
  }
}

constexpr std::size_t kMaxText = 16 << 20;  // what is read of a file's text; past it, the rest is not

// The text of an XML part, read as a stream (a part of millions of empty paragraphs costs no
// memory): each paragraph-like element (`breaks`) ends a line, the runs inside it joined as
// they stand. nullopt for XML that does not read.
std::optional<std::string> part_text(std::string_view archive, const std::string& name,
                                     const std::vector<std::string_view>& breaks) {
  auto part = documents::unzip_part(archive, name, kMaxPart);
  if (!part) return std::nullopt;
  std::unique_ptr<xmlTextReader, decltype(&xmlFreeTextReader)> reader(
      xmlReaderForMemory(part->data(), static_cast<int>(part->size()), name.c_str(), nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeTextReader);
  if (!reader) return std::nullopt;
  std::string out;
  int more = 0;
  while ((more = xmlTextReaderRead(reader.get())) == 1 && out.size() < kMaxText) {
    const int type = xmlTextReaderNodeType(reader.get());
    if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
      if (const xmlChar* v = xmlTextReaderConstValue(reader.get())) out += reinterpret_cast<const char*>(v);
    } else if (type == XML_READER_TYPE_END_ELEMENT ||
               (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(reader.get()))) {
      const xmlChar* local = xmlTextReaderConstLocalName(reader.get());
      if (local &&
          std::find(breaks.begin(), breaks.end(), std::string_view(reinterpret_cast<const char*>(local))) !=
              breaks.end() &&
          !out.empty() && out.back() != '\n')
        out += '\n';
    }
  }
  if (more < 0) return std::nullopt;
  return out;
}

// An office package's text: the parts that hold what a reader sees. Paragraphs (w:p, text:p),
// table cells (c, v of a sheet; si of its shared strings) each on a line.
std::optional<std::string> package_text(std::string_view data) {
  auto names = documents::zip_names(data, kMaxParts);
  if (!names) return std::nullopt;
  static const std::vector<std::string_view> kBreaks = {"p", "tc", "c", "si", "h", "table-cell", "br", "tab"};
  std::string out;
  bool any = false;
  for (const std::string& n : *names) {
    const bool wanted = n == "word/document.xml" || n.starts_with("word/header") || n.starts_with("word/footer") ||
                        n == "word/footnotes.xml" || n == "xl/sharedStrings.xml" ||
                        (n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml")) || n == "content.xml";
    if (!wanted) continue;
    auto text = part_text(data, n, kBreaks);
    if (!text) return std::nullopt;
    out += *text;
    out += '\n';
    any = true;
  }
  if (!any) return std::nullopt;
  return out;
}

// An image's text as Tesseract reads it, in Thai and English.
std::optional<std::string> image_text(std::string_view data) {
  std::unique_ptr<PIX, void (*)(PIX*)> pix(pixReadMem(reinterpret_cast<const l_uint8*>(data.data()), data.size()),
                                           [](PIX* p) { pixDestroy(&p); });
  if (!pix) return std::nullopt;
  std::unique_ptr<TessBaseAPI, void (*)(TessBaseAPI*)> api(TessBaseAPICreate(), [](TessBaseAPI* a) {
    TessBaseAPIEnd(a);
    TessBaseAPIDelete(a);
  });
  if (!api || TessBaseAPIInit3(api.get(), nullptr, "tha+eng") != 0) return std::nullopt;
  TessBaseAPISetImage2(api.get(), pix.get());
  std::unique_ptr<char, void (*)(char*)> text(TessBaseAPIGetUTF8Text(api.get()), [](char* s) { TessDeleteText(s); });
  if (!text) return std::nullopt;
  return std::string(text.get());
}

}  // namespace

std::string_view to_string(PersonalKind k) {
  switch (k) {
    case PersonalKind::thai_id: return "thai_id";
    case PersonalKind::phone: return "phone";
    case PersonalKind::email: break;
  }
  return "email";
}

bool valid_thai_id(std::string_view d) {
  if (d.size() != 13 || !std::all_of(d.begin(), d.end(), digit)) return false;
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (13 - i);
  return (11 - sum % 11) % 10 == d[12] - '0';
}

std::vector<std::string> PublishCheck::lines(Lang lang) const {
  const Strings& s = Strings::instance();
  std::vector<std::string> out;
  for (const Place& p : places) {
    if (!p.scan.readable) out.push_back(p.where + ": " + std::string(s.get(lang, "pii.unreadable")));
    for (const Finding& f : p.scan.findings) {
      std::string where = p.where;
      if (f.page > 0) where += " " + std::string(s.get(lang, "pii.page")) + " " + std::to_string(f.page);
      out.push_back(where + ": " + std::string(s.get(lang, "pii." + std::string(to_string(f.kind)))) + " " + f.shown);
    }
  }
  return out;
}

nlohmann::json PublishCheck::audit() const {
  nlohmann::json out = nlohmann::json::array();
  for (const Place& p : places) {
    nlohmann::json found = nlohmann::json::array();
    for (const Finding& f : p.scan.findings)
      found.push_back({{"kind", to_string(f.kind)}, {"shown", f.shown}, {"page", f.page}});
    out.push_back({{"where", p.where}, {"readable", p.scan.readable}, {"found", found}});
  }
  return out;
}

PublishCheck check_publishing(const std::vector<std::pair<std::string, std::string_view>>& texts,
                              const std::vector<Checked>& files, const Allowed& allowed) {
  PublishCheck out;
  for (const auto& [where, text] : texts) {
    PersonalScan s = scan_text(text, allowed);
    if (!s.findings.empty()) out.places.push_back({where, std::move(s)});
  }
  for (const Checked& c : files) {
    PersonalScan s = scan_file(c.data(), c.kind, allowed);
    if (!s.findings.empty() || !s.readable) out.places.push_back({c.upload->name, std::move(s)});
  }
  return out;
}

Error personal_data_error(const PublishCheck& check, Lang lang) {
  std::string said;
  for (const std::string& line : check.lines(lang)) said += (said.empty() ? "" : "\n") + line;
  Error e = Error::said(ErrorKind::invalid, "error.personal_data", said);
  e.field = "confirm_personal_data";
  return e;
}

PersonalScan scan_text(std::string_view text, const Allowed& allowed) {
  PersonalScan scan;
  scan_into(scan, text, allowed, 0);
  return scan;
}

PersonalScan scan_file(std::string_view data, const Kind& kind, const Allowed& allowed) {
  PersonalScan scan;
  const std::string_view type = kind.content_type;
  if (type == "application/pdf") {
    // A damaged PDF is said by `readable`, not by poppler's messages on stderr.
    static std::once_flag quiet;
    std::call_once(quiet, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
    if (!doc || doc->is_locked()) {
      scan.readable = false;
      return scan;
    }
    bool any_text = false;
    for (int i = 0; i < doc->pages(); ++i) {
      std::unique_ptr<poppler::page> page(doc->create_page(i));
      if (!page) continue;
      const poppler::byte_array bytes = page->text().to_utf8();
      const std::string text(bytes.begin(), bytes.end());
      if (text.find_first_not_of(" \t\r\n\f") != std::string::npos) any_text = true;
      scan_into(scan, text, allowed, i + 1);
    }
    // A scan saved as PDF holds pictures, not text: what is on it cannot be told.
    if (!any_text) scan.readable = false;
    return scan;
  }
  if (type.starts_with("image/") && type != "image/svg+xml") {
    auto text = image_text(data);
    if (!text || text->find_first_not_of(" \t\r\n\f") == std::string::npos)
      scan.readable = false;
    else
      scan_into(scan, *text, allowed, 0);
    return scan;
  }
  if (type.find("officedocument") != std::string_view::npos || type.find("opendocument") != std::string_view::npos) {
    auto text = package_text(data);
    if (!text)
      scan.readable = false;
    else
      scan_into(scan, *text, allowed, 0);
    return scan;
  }
  if (type.starts_with("text/")) scan_into(scan, data, allowed, 0);
  return scan;
}

}  // namespace prongsai::files
