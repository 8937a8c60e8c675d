// See table.hpp.
#include "files/table.hpp"

#include <iconv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <limits>
#include <map>
#include <memory>
#include <optional>

#include "core/text.hpp"
#include "documents/xml.hpp"

namespace prongsai::files {
namespace {

Error damaged(std::string detail) {
  return Error::make(ErrorKind::invalid, "error.table_damaged", std::move(detail), "file");
}
Error too_large(std::string detail) {
  return Error::make(ErrorKind::invalid, "error.table_too_large", std::move(detail), "file");
}

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// libxml2 says some errors on stderr whatever the parse options: what a file held is answered
// to whoever sent it, not written to the server's log.
void quiet(void*, const char*, ...) {}

// A part of the workbook parsed: no network, no DTD loaded, entities left as they are,
// libxml2's own limits kept.
std::optional<Doc> parse_part(std::string_view archive, const std::string& name, const TableLimits& limits) {
  auto part = documents::unzip_part(archive, name, limits.max_part_bytes);
  if (!part || part->size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return std::nullopt;
  xmlSetGenericErrorFunc(nullptr, quiet);
  xmlSetStructuredErrorFunc(nullptr, [](void*, xmlErrorPtr) {});
  Doc doc(xmlReadMemory(part->data(), static_cast<int>(part->size()), name.c_str(), nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
          xmlFreeDoc);
  if (!doc || doc->intSubset || doc->extSubset) return std::nullopt;
  return doc;
}

std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string attribute(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (std::string_view(reinterpret_cast<const char*>(a->name)) != name || !a->children) continue;
    const xmlChar* v = a->children->content;
    return v ? reinterpret_cast<const char*>(v) : "";
  }
  return {};
}

// Every <t> under `n`, in order: a shared or inline string with its formatting runs.
void texts_under(const xmlNode* n, std::string& out) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name_of(c) == "t") {
      if (xmlChar* content = xmlNodeGetContent(c)) {
        out += reinterpret_cast<const char*>(content);
        xmlFree(content);
      }
    } else if (name_of(c) != "rPh") {  // phonetic runs are not the text
      texts_under(c, out);
    }
  }
}

std::string content_of(const xmlNode* n) {
  std::string out;
  if (xmlChar* content = xmlNodeGetContent(n)) {
    out = reinterpret_cast<const char*>(content);
    xmlFree(content);
  }
  return out;
}

const xmlNode* child(const xmlNode* n, std::string_view name) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name_of(c) == name) return c;
  return nullptr;
}

// The first sheet's part: the workbook's first <sheet>, through the workbook's relationships.
std::string first_sheet(std::string_view archive, const TableLimits& limits) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  auto workbook = parse_part(archive, "xl/workbook.xml", limits);
  auto rels = parse_part(archive, "xl/_rels/workbook.xml.rels", limits);
  if (!workbook || !rels) return fallback;
  const xmlNode* sheet = child(child(xmlDocGetRootElement(workbook->get()), "sheets"), "sheet");
  if (!sheet) return fallback;
  std::string id;
  for (const xmlAttr* a = sheet->properties; a; a = a->next)
    if (std::string_view(reinterpret_cast<const char*>(a->name)) == "id" && a->children && a->children->content)
      id = reinterpret_cast<const char*>(a->children->content);
  for (const xmlNode* r = xmlDocGetRootElement(rels->get())->children; r; r = r->next) {
    if (r->type != XML_ELEMENT_NODE || attribute(r, "Id") != id) continue;
    std::string target = attribute(r, "Target");
    if (target.empty() || target.find("..") != std::string::npos) return fallback;
    return target.front() == '/' ? target.substr(1) : "xl/" + target;
  }
  return fallback;
}

// Windows-874 → UTF-8 through glibc's iconv; nullopt when the bytes are not that either.
std::optional<std::string> from_windows_874(std::string_view data) {
  iconv_t cd = iconv_open("UTF-8", "CP874");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(data.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(data.data());
  std::size_t in_left = data.size(), out_left = out.size();
  char* o = out.data();
  std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0 || letters == ref.size()) return std::nullopt;
  for (char c : ref.substr(letters))
    if (c < '0' || c > '9') return std::nullopt;
  return col - 1;
}

Result<Table> read_xlsx(std::string_view data, const TableLimits& limits) {
  std::vector<std::string> shared;  // a workbook of numbers alone has none
  if (auto strings = parse_part(data, "xl/sharedStrings.xml", limits)) {
    for (const xmlNode* si = xmlDocGetRootElement(strings->get())->children; si; si = si->next) {
      if (si->type != XML_ELEMENT_NODE || name_of(si) != "si") continue;
      std::string s;
      texts_under(si, s);
      shared.push_back(std::move(s));
    }
  }
  const std::string sheet_name = first_sheet(data, limits);
  auto sheet = parse_part(data, sheet_name, limits);
  if (!sheet) return fail(damaged("no readable first sheet (" + sheet_name + ")"));
  const xmlNode* rows = child(xmlDocGetRootElement(sheet->get()), "sheetData");
  if (!rows) return fail(damaged("the sheet has no sheetData"));
  Table out;
  for (const xmlNode* row = rows->children; row; row = row->next) {
    if (row->type != XML_ELEMENT_NODE || name_of(row) != "row") continue;
    // A row's place: its r attribute (rows left out are empty), else the next.
    std::size_t at = out.size();
    const std::string r = attribute(row, "r");
    std::size_t number = 0;
    if (auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), number);
        ec == std::errc() && end == r.data() + r.size() && number >= 1)
      at = number - 1;
    if (at < out.size() || at >= limits.max_rows) return fail(too_large("rows out of order or past the limit"));
    out.resize(at + 1);
    std::vector<std::string>& cells = out.back();
    for (const xmlNode* c = row->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || name_of(c) != "c") continue;
      std::size_t col = cells.size();
      if (std::string ref = attribute(c, "r"); !ref.empty()) {
        auto parsed = column_of(ref);
        if (!parsed) return fail(damaged("a cell reference " + ref.substr(0, 12)));
        col = *parsed;
      }
      if (col >= limits.max_columns) return fail(too_large("past column " + std::to_string(limits.max_columns)));
      const std::string type = attribute(c, "t");
      std::string value;
      if (type == "inlineStr") {
        if (const xmlNode* is = child(c, "is")) texts_under(is, value);
      } else if (const xmlNode* v = child(c, "v")) {
        value = content_of(v);
        if (type == "s") {
          std::size_t index = 0;
          auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
          if (ec != std::errc() || end != value.data() + value.size() || index >= shared.size())
            return fail(damaged("a shared string out of range"));
          value = shared[index];
        }
      }
      if (value.size() > limits.max_cell_bytes) return fail(too_large("a cell over the limit"));
      if (col >= cells.size()) cells.resize(col + 1);
      cells[col] = std::move(value);
    }
  }
  return out;
}

Result<Table> read_csv(std::string_view data, const TableLimits& limits) {
  std::string converted;
  if (data.starts_with("\xEF\xBB\xBF")) data.remove_prefix(3);
  if (!text::is_valid_utf8(data)) {
    auto thai = from_windows_874(data);
    if (!thai) return fail(damaged("neither UTF-8 nor Windows-874"));
    converted = std::move(*thai);
    data = converted;
  }
  Table out;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  auto end_cell = [&]() -> bool {
    if (cell.size() > limits.max_cell_bytes || row.size() >= limits.max_columns) return false;
    row.push_back(std::move(cell));
    cell.clear();
    return true;
  };
  auto end_row = [&]() -> bool {
    if (!end_cell() || out.size() >= limits.max_rows) return false;
    out.push_back(std::move(row));
    row.clear();
    any = false;
    return true;
  };
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char ch = data[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
      continue;
    }
    if (ch == '"' && cell.empty()) {
      quoted = any = true;
    } else if (ch == ',') {
      if (!end_cell()) return fail(too_large("a cell or a row over the limit"));
      any = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      if (!end_row()) return fail(too_large("a cell, row or file over the limit"));
    } else {
      cell += ch;
      any = true;
    }
  }
  if (quoted) return fail(damaged("a quote not closed"));
  if (any || !cell.empty() || !row.empty())
    if (!end_row()) return fail(too_large("a cell, row or file over the limit"));
  return out;
}

}  // namespace prongsai::files
