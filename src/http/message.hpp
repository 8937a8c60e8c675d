// Plain request and response values: what handlers and modules see of HTTP. Beast's types
// stay inside server.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/strings.hpp"
#include "http/access.hpp"

namespace boost::asio::ip {
class address;
}

namespace prongsai::http {

class Spool;
class Pipeline;

enum class Method { get, head, post, put, patch, del, options, other };

std::string_view to_string(Method m);
Method parse_method(std::string_view s);
inline bool is_safe(Method m) { return m == Method::get || m == Method::head || m == Method::options; }

// An address as per-client limits count it: an IPv4 address (also one mapped into IPv6) as it
// is, an IPv6 address as its /64 ("2001:db8:1:2::/64": what one subscriber is given); anything
// else as it came.
std::string client_key(std::string_view address);
std::string client_key(const boost::asio::ip::address& address);  // the server's, already parsed

struct UploadedFile {
  std::string field;
  std::string filename;      // as the browser sent it: never trusted for the type
  std::string content_type;  // as the browser sent it: never trusted either
  std::string_view data;     // a view into the request's body: valid while the Request lives
};

// A decoded form: text fields (valid UTF-8, NFC, no control characters beyond \n and \t)
// and files.
class Form {
 public:
  std::optional<std::string> get(std::string_view name) const;
  std::string value(std::string_view name) const { return get(name).value_or(""); }
  std::vector<std::string> all(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  const std::vector<UploadedFile>& files() const { return files_; }
  const UploadedFile* file(std::string_view field) const;

  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  void add_file(UploadedFile f) { files_.push_back(std::move(f)); }
  std::size_t size() const { return fields_.size() + files_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
  std::vector<UploadedFile> files_;
};

struct Request {
  Method method = Method::get;
  std::string target;                                        // as received: path and query
  std::string path;                                          // percent-decoded, valid UTF-8
  std::string query;                                         // raw, undecoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;                                          // a body small enough to keep in memory, or
  std::shared_ptr<const Spool> spooled;                      // a larger one, on disk as it arrived
  std::string remote_address;
  bool keep_alive = true;
  bool host_cookies = false;  // served over HTTPS: cookies carry the "__Host-" prefix (set by the pipeline)
  // What per-client limits count under: the address, or an IPv6 address's /64 (one subscriber).
  std::string client() const { return client_key(remote_address); }

  // Set by the edge before the handler runs.
  std::map<std::string, std::string, std::less<>> params;  // {name} segments of the route
  const Principal* principal = nullptr;                    // null when not signed in
  std::int64_t agency_id = 0;
  Lang lang = Lang::th;
  std::string csrf_token;  // the token forms of this page must carry
  // "https://www.namom.go.th": scheme and Host as the client sent them, when Host is a plain
  // host name (or address) with an optional port; empty otherwise. For absolute links (feeds,
  // share links); the page cache keys on it, so one client's Host never reaches another.
  std::string origin;

  std::string_view body_bytes() const;
  std::string_view header(std::string_view lower_name) const;
  // A cookie by its name. Over HTTPS (host_cookies) only its "__Host-" form counts: Secure,
  // Path=/, no Domain, so no other site on the same domain can plant or shadow it.
  std::optional<std::string> cookie(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::string param(std::string_view name) const;
  std::optional<std::int64_t> id_param(std::string_view name) const;  // a {name} that must be a positive integer
  // The body as the route declared it (Route::takes), parsed by the edge before the session,
  // the CSRF check or the handler: a form's fields (valid, normalised UTF-8) and files. A
  // request whose body did not parse never reaches a handler, so there is no error to look
  // at; a route that takes no form sees an empty one.
  const Form& form() const;
  // A JSON route's document (BodyRule::json); null for every other route.
  const nlohmann::json& json() const;

 private:
  friend class Pipeline;  // the only one that parses a body
  std::shared_ptr<const Form> form_;
  std::shared_ptr<const nlohmann::json> json_;
};

// What the server calls itself in the Server header.
inline constexpr std::string_view kServerName = "Prongsai";

// A 200 made once and sent as it is many times (a page the page cache keeps): its status line
// and headers already formatted, its body beside them, never changed after it is made. The
// server sends the three with one gather write and adds only the Date and connection lines:
// nothing is formatted, allocated or copied per request.
struct ReadyResponse {
  std::vector<std::pair<std::string, std::string>> headers;  // final, as sent
  std::string head;  // "HTTP/1.1 200 OK\r\n", Server, each header, Content-Length, each line's CRLF
  std::string body;
  std::int64_t fresh_until = 0;  // as Response::fresh_until
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the response is this, and `headers` and `body` are empty: read it through
  // find_header and body_view, or unready() it to change it (header() does).
  std::shared_ptr<const ReadyResponse> ready;
  bool cacheable = false;      // a public page the page cache may keep (set by the pipeline)
  bool headers_final = false;  // cache and security headers are in place (a page-cache copy)
  // A public page that changes when time passes (a scheduled post goes live): the page cache
  // keeps it until this Unix second at most. 0: until the next write.
  std::int64_t fresh_until = 0;

  Response& header(std::string name, std::string value) {
    if (ready) unready();
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::string_view find_header(std::string_view name) const;
  std::string_view body_view() const { return ready ? std::string_view(ready->body) : std::string_view(body); }

  // A 200 whose headers are final, made ready to send many times; and the response sending it.
  static std::shared_ptr<const ReadyResponse> make_ready(const Response& res);
  static Response of(std::shared_ptr<const ReadyResponse> ready);
  // An ordinary response again, with a copy of the ready one's headers and body.
  void unready();

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  // 303 See Other after a POST, so reloading does not submit again.
  static Response redirect(std::string location, int status = 303);
  // A file to save as `filename` (any UTF-8; see content_disposition); `shown` lets the browser
  // show it (a PDF) instead of saving it.
  enum class Disposition { attachment, shown };
  static Response file(std::string body, std::string_view content_type, std::string_view filename,
                       Disposition d = Disposition::attachment);
};

// A Content-Disposition value (RFC 6266): "attachment" or "inline" and the name; when the name
// is not plain ASCII, an ASCII fallback (a character outside ASCII, a quote, a backslash or a
// control character becomes "_") and the UTF-8 name percent-encoded (filename*).
std::string content_disposition(Response::Disposition d, std::string_view filename);

// Percent-decodes a path; nullopt for bad escapes, invalid UTF-8, NUL or control characters.
std::optional<std::string> decode_path(std::string_view raw);
// Only a local path ("/..."), never "//host" or a scheme: where to go after login.
bool is_local_redirect(std::string_view target);
// The site's address as this request reached it ("https://abt.example.go.th"): the Host header,
// https when the proxy in front says so. A host with anything but letters, digits, dots,
// dashes, a port or IPv6 brackets gives "" (links then stay relative).
std::string public_origin(const Request& req);

}  // namespace prongsai::http
