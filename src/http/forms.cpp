// Form parsing. The multipart parser works on the whole body in memory: the edge has already
// bounded its size by the route's body limit.
#include "http/forms.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>

#include "core/text.hpp"

namespace prongsai::http {
namespace {

Error bad_form(std::string detail) { return Error::make(ErrorKind::bad_request, "error.bad_form", std::move(detail)); }

Result<std::string> clean_value(std::string_view raw) { return text::clean(raw, text::Lines::multiple); }

Error too_large_field() {
  return Error::make(ErrorKind::too_large, "error.field_too_large", "a form field over its limit");
}

// The value of `name=` in a header's parameters: `form-data; name="x"; filename="y"`.
// Quoted values may hold ';' and backslash escapes.
std::optional<std::string> header_param(std::string_view header, std::string_view name) {
  std::size_t i = header.find(';');
  if (i == std::string_view::npos) return std::nullopt;
  const std::size_t n = header.size();
  ++i;
  while (i < n) {
    while (i < n && (header[i] == ' ' || header[i] == '\t')) ++i;
    std::size_t key_start = i;
    while (i < n && header[i] != '=' && header[i] != ';') ++i;
    std::string key = text::ascii_lower(text::trim(header.substr(key_start, i - key_start)));
    std::string value;
    if (i < n && header[i] == '=') {
      ++i;
      if (i < n && header[i] == '"') {
        for (++i; i < n && header[i] != '"'; ++i) {
          if (header[i] == '\\' && i + 1 < n) ++i;
          value.push_back(header[i]);
        }
        while (i < n && header[i] != ';') ++i;
      } else {
        std::size_t value_start = i;
        while (i < n && header[i] != ';') ++i;
        value = std::string(text::trim(header.substr(value_start, i - value_start)));
      }
    }
    if (key == name) return value;
    if (i < n) ++i;  // the ';'
  }
  return std::nullopt;
}

// "C:\\fakepath\\photo.jpg" → "photo.jpg": only the last path component is kept.
std::string base_name(std::string_view name) {
  std::size_t slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

}  // namespace

std::string media_type(std::string_view content_type) {
  return text::ascii_lower(text::trim(content_type.substr(0, content_type.find(';'))));
}

Result<Form> parse_urlencoded(std::string_view body, const FormLimits& limits) {
  Form form;
  if (body.empty()) return form;
  auto parsed = boost::urls::parse_query(body);
  if (!parsed) return fail(bad_form("malformed urlencoded body"));
  boost::urls::encoding_opts opts(true /* space_as_plus */, false, false);
  for (auto param : *parsed) {
    if (form.size() >= limits.max_fields) return fail(bad_form("too many fields"));
    if (param.key.size() > limits.max_field_bytes || (param.has_value && param.value.size() > limits.max_field_bytes))
      return fail(too_large_field());
    auto key = clean_value(param.key.decode(opts));
    if (!key) return fail(key.error());
    auto value = clean_value(param.has_value ? param.value.decode(opts) : std::string());
    if (!value) return fail(value.error());
    form.add(std::move(*key), std::move(*value));
  }
  return form;
}

Result<Form> parse_multipart(std::string_view content_type, std::string_view body, const FormLimits& limits) {
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return fail(bad_form("missing or bad boundary"));
  const std::string delimiter = "--" + *boundary;
  const std::string separator = "\r\n" + delimiter;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return fail(bad_form("no first boundary"));
  pos += delimiter.size();
  Form form;
  for (std::size_t parts = 0;; ++parts) {
    if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return fail(bad_form("bad boundary line"));
    pos += 2;
    if (parts >= limits.max_parts) return fail(bad_form("too many parts"));
    std::size_t header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos || header_end - pos > limits.max_part_header_bytes) {
      return fail(bad_form("part headers missing or too long"));
    }
    std::string_view headers = body.substr(pos, header_end - pos);
    std::size_t content_start = header_end + 4;
    std::size_t content_end = body.find(separator, content_start);
    if (content_end == std::string_view::npos) return fail(bad_form("part not terminated"));
    std::string_view content = body.substr(content_start, content_end - content_start);
    pos = content_end + separator.size();

    std::string disposition, part_type;
    for (std::size_t line_start = 0; line_start <= headers.size();) {
      std::size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = text::ascii_lower(text::trim(line.substr(0, colon)));
        std::string_view value = text::trim(line.substr(colon + 1));
        if (name == "content-disposition") disposition = std::string(value);
        if (name == "content-type") part_type = std::string(value);
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (!text::ascii_lower(disposition).starts_with("form-data"))
      return fail(bad_form("part without form-data disposition"));
    auto name = header_param(disposition, "name");
    if (!name) return fail(bad_form("part without a name"));
    auto clean_name = text::clean(*name);
    if (!clean_name) return fail(clean_name.error());
    auto filename = header_param(disposition, "filename");
    if (filename) {
      if (filename->empty() && content.empty()) continue;  // a file input left empty
      auto clean_filename = text::clean(base_name(*filename));
      if (!clean_filename) return fail(clean_filename.error());
      form.add_file(UploadedFile{*clean_name, *clean_filename, part_type, content});
    } else {
      if (content.size() > limits.max_field_bytes) return fail(too_large_field());
      auto value = clean_value(content);
      if (!value) return fail(value.error());
      form.add(std::move(*clean_name), std::move(*value));
    }
    if (form.size() > limits.max_fields) return fail(bad_form("too many fields"));
  }
}

Result<Form> parse_form(std::string_view content_type, std::string_view body, const FormLimits& limits) {
  std::string type = media_type(content_type);
  if (type == "application/x-www-form-urlencoded" || (type.empty() && body.empty()))
    return parse_urlencoded(body, limits);
  if (type == "multipart/form-data") return parse_multipart(content_type, body, limits);
  return fail(Error::make(ErrorKind::unsupported_type, "error.bad_form", "unsupported form content type"));
}

}  // namespace prongsai::http
