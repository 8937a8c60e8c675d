// Request accessors and response constructors.
#include "http/message.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse_query.hpp>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/cookies.hpp"
#include "http/forms.hpp"
#include "http/spool.hpp"

namespace prongsai::http {

std::string_view to_string(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::head: return "HEAD";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::del: return "DELETE";
    case Method::options: return "OPTIONS";
    case Method::other: return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view s) {
  if (s == "GET") return Method::get;
  if (s == "HEAD") return Method::head;
  if (s == "POST") return Method::post;
  if (s == "PUT") return Method::put;
  if (s == "PATCH") return Method::patch;
  if (s == "DELETE") return Method::del;
  if (s == "OPTIONS") return Method::options;
  return Method::other;
}

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [k, v] : fields_) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

const UploadedFile* Form::file(std::string_view field) const {
  for (const UploadedFile& f : files_) {
    if (f.field == field) return &f;
  }
  return nullptr;
}

std::string_view Request::body_bytes() const { return spooled ? spooled->view() : std::string_view(body); }

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  if (!host_cookies) return find_cookie(header("cookie"), name);
  return find_cookie(header("cookie"), std::string(kHostCookiePrefix).append(name));
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto parsed = parse_urlencoded(query, FormLimits{});
  if (!parsed) return std::nullopt;
  return parsed->get(name);
}

std::string Request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::optional<std::int64_t> Request::id_param(std::string_view name) const { return text::parse_id(param(name)); }

const Form& Request::form() const {
  static const Form empty;
  return form_ ? *form_ : empty;
}

const nlohmann::json& Request::json() const {
  static const nlohmann::json null;
  return json_ ? *json_ : null;
}

std::string_view Response::find_header(std::string_view name) const {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
      char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
      if (x != y) return false;
    }
    return true;
  };
  for (const auto& [k, v] : ready ? ready->headers : headers) {
    if (same(k, name)) return v;
  }
  return {};
}

std::shared_ptr<const ReadyResponse> Response::make_ready(const Response& res) {
  auto out = std::make_shared<ReadyResponse>();
  out->headers = res.ready ? res.ready->headers : res.headers;
  out->body = std::string(res.body_view());
  out->fresh_until = res.ready ? res.ready->fresh_until : res.fresh_until;
  std::string& head = out->head;
  head = "HTTP/1.1 200 OK\r\nServer: ";
  head += kServerName;
  head += "\r\n";
  for (const auto& [name, value] : out->headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  head += "Content-Length: " + std::to_string(out->body.size()) + "\r\n";
  return out;
}

Response Response::of(std::shared_ptr<const ReadyResponse> ready) {
  Response res;
  res.cacheable = true;
  res.headers_final = true;
  res.fresh_until = ready->fresh_until;
  res.ready = std::move(ready);
  return res;
}

void Response::unready() {
  if (!ready) return;
  std::shared_ptr<const ReadyResponse> r = std::move(ready);
  headers = r->headers;
  body = r->body;
}

namespace {

Response with_body(std::string body, int status, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.header("Content-Type", std::move(content_type));
  return r;
}

}  // namespace

Response Response::html(std::string body, int status) {
  return with_body(std::move(body), status, "text/html; charset=utf-8");
}
Response Response::text(std::string body, int status) {
  return with_body(std::move(body), status, "text/plain; charset=utf-8");
}
Response Response::json(std::string body, int status) { return with_body(std::move(body), status, "application/json"); }

Response Response::file(std::string body, std::string_view content_type, std::string_view filename, Disposition d) {
  Response r;
  r.body = std::move(body);
  r.header("Content-Type", std::string(content_type));
  r.header("Content-Disposition", content_disposition(d, filename));
  return r;
}

std::string content_disposition(Response::Disposition d, std::string_view filename) {
  std::string ascii;
  for (char ch : filename) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F)
      ascii += '_';
    else if (c < 0x80)
      ascii += ch;
    else if (c >= 0xC0)
      ascii += '_';  // one per character: continuation bytes add nothing
  }
  std::string value =
      std::string(d == Response::Disposition::shown ? "inline" : "attachment") + "; filename=\"" + ascii + "\"";
  if (ascii == filename) return value;
  std::string encoded;
  for (unsigned char c : filename) {
    bool letter = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return value + "; filename*=UTF-8''" + encoded;
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.header("Location", std::move(location));
  return r;
}

std::optional<std::string> decode_path(std::string_view raw) {
  if (raw.empty() || raw.front() != '/') return std::nullopt;
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return std::nullopt;
      unsigned value = 0;
      auto [p, ec] = std::from_chars(raw.data() + i + 1, raw.data() + i + 3, value, 16);
      if (ec != std::errc() || p != raw.data() + i + 3) return std::nullopt;
      c = static_cast<char>(value);
      i += 2;
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return std::nullopt;
    out.push_back(c);
  }
  if (!text::is_valid_utf8(out)) return std::nullopt;
  return out;
}

std::string public_origin(const Request& req) {
  std::string_view host = req.header("host");
  if (host.empty() || host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
                          std::string_view::npos)
    return "";
  std::string scheme = req.header("x-forwarded-proto") == "https" ? "https" : "http";
  return scheme + "://" + std::string(host);
}

std::string client_key(std::string_view address) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(address), ec);
  return ec ? std::string(address) : client_key(a);
}

std::string client_key(const boost::asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_string();
  if (a.is_v4()) return a.to_string();
  auto bytes = a.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

bool is_local_redirect(std::string_view t) {
  // A browser drops tabs and newlines from a URL and reads "\\" as "/": "/\t/evil.example" and
  // "/\\evil.example" are "//evil.example", another site. So no control character and no
  // backslash anywhere, and no second slash at the start.
  if (t.empty() || t.front() != '/' || t.starts_with("//")) return false;
  return std::none_of(t.begin(), t.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\';
  });
}

}  // namespace prongsai::http
