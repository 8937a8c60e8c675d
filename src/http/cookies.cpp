// Cookie header parsing (RFC 6265 §5.2, lenient about spaces) and Set-Cookie writing.
#include "http/cookies.hpp"

#include "core/text.hpp"

namespace prongsai::http {

std::optional<std::string> find_cookie(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view pair = text::trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (text::trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = text::trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string s;
  if (o.secure) s.append(kHostCookiePrefix);  // Secure, Path=/ and no Domain: what "__Host-" asks
  s.append(name).append("=").append(value).append("; Path=/; HttpOnly");
  s.append(o.same_site == SameSite::strict ? "; SameSite=Strict" : "; SameSite=Lax");
  if (o.secure) s.append("; Secure");
  if (o.max_age_seconds >= 0) s.append("; Max-Age=").append(std::to_string(o.max_age_seconds));
  return s;
}

}  // namespace prongsai::http
