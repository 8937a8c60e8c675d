// Form bodies: application/x-www-form-urlencoded (through Boost.URL) and multipart/form-data
// (RFC 7578). Both refuse more fields or parts than the limits allow, and clean every text
// value (text::clean) so that handlers only ever see valid, normalised UTF-8.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"

namespace prongsai::http {

struct FormLimits {
  std::size_t max_fields = 200;
  std::size_t max_parts = 50;
  std::size_t max_part_header_bytes = 4096;
  // One text field (name or value) as sent, checked before it is decoded, copied or cleaned:
  // over it, the form is refused as too large (413). Files are bounded by the body's limit.
  std::size_t max_field_bytes = std::size_t(1) << 20;
};

Result<Form> parse_urlencoded(std::string_view body, const FormLimits& limits);
Result<Form> parse_multipart(std::string_view content_type, std::string_view body, const FormLimits& limits);
// The media type of a Content-Type header, in lower case, without parameters.
std::string media_type(std::string_view content_type);
// Chooses by Content-Type; anything else is refused as unsupported.
Result<Form> parse_form(std::string_view content_type, std::string_view body, const FormLimits& limits);

}  // namespace prongsai::http
