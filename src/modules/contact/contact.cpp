// The agency's contact channels. See contact.hpp.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/contact/contact.hpp"
#include "modules/contact/queries.hpp"

namespace prongsai::contact {
namespace {

using http::Role;
using nlohmann::json;

// Digits, spaces, + - ( ) , and the word ต่อ (extension): how Thai offices write numbers.
bool is_phone(std::string_view s) {
  std::string rest(s);
  for (std::size_t at = rest.find("ต่อ"); at != std::string::npos; at = rest.find("ต่อ")) rest.replace(at, 9, ",");
  int digits = 0;
  for (char ch : rest) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      ++digits;
    } else if (std::string_view(" +-(),.").find(ch) == std::string_view::npos) {
      return false;
    }
  }
  return digits >= 3;
}

bool is_email(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos && s.back() != '.' &&
         s.find_first_of(" <>\"'(),;:\\") == std::string_view::npos;
}

// A LINE official account: "@id" (letters, digits, . _ -) or a link.
bool is_line(std::string_view s) {
  if (text::is_web_link(s)) return true;
  if (s.size() < 2 || s[0] != '@') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-';
  });
}

}  // namespace

bool Contact::empty() const {
  return address.empty() && map_url.empty() && hours.empty() && phone.empty() && fax.empty() && email.empty() &&
         facebook.empty() && line.empty() && website.empty() && executives.empty();
}

json to_json(const Contact& c) {
  json execs = json::array();
  for (const Executive& e : c.executives)
    execs.push_back({{"name", e.name}, {"position", e.position}, {"phone", e.phone}});
  return {{"address", c.address}, {"map_url", c.map_url}, {"hours", c.hours},       {"phone", c.phone},
          {"fax", c.fax},         {"email", c.email},     {"facebook", c.facebook}, {"line", c.line},
          {"website", c.website}, {"executives", execs}};
}

Contact contact_from_json(const json& j) {
  Contact c;
  auto s = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
  c.address = s("address");
  c.map_url = s("map_url");
  c.hours = s("hours");
  c.phone = s("phone");
  c.fax = s("fax");
  c.email = s("email");
  c.facebook = s("facebook");
  c.line = s("line");
  c.website = s("website");
  if (j.contains("executives") && j["executives"].is_array()) {
    for (const json& e : j["executives"]) {
      c.executives.push_back({e.value("name", ""), e.value("position", ""), e.value("phone", "")});
    }
  }
  return c;
}

void own_contacts(const Contact& c, files::Allowed& out) {
  for (const std::string* field : {&c.phone, &c.fax}) {
    std::string digits;
    auto flush = [&] {
      if (digits.size() >= 9 && digits.size() <= 10) out.phones.push_back(digits);
      digits.clear();
    };
    // A number's digits run through spaces, dashes, dots and brackets; anything else ends it
    // ("ต่อ 101": an extension is not part of it).
    for (char ch : *field) {
      if (ch >= '0' && ch <= '9')
        digits += ch;
      else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')')
        flush();
    }
    flush();
  }
  if (!c.email.empty()) out.emails.push_back(c.email);
}

std::string tel_href(std::string_view phone) {
  std::string first(phone.substr(0, phone.find(',')));  // "044 610 000, 044 610 001": the first
  std::string out = "tel:";
  std::size_t ext = first.find("ต่อ");
  std::string_view number = std::string_view(first).substr(0, ext);
  for (char ch : number) {
    if (std::isdigit(static_cast<unsigned char>(ch)) || (ch == '+' && out.size() == 4)) out += ch;
  }
  if (ext != std::string::npos) {
    std::string digits;
    for (char ch : first.substr(ext)) {
      if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    }
    if (!digits.empty()) out += "," + digits;  // a pause, then the extension
  }
  return out;
}

std::vector<ContactLink> links_of(const Contact& c) {
  std::vector<ContactLink> out;
  if (!c.phone.empty()) out.push_back({"phone", c.phone, tel_href(c.phone)});
  if (!c.line.empty()) {
    std::string href = c.line[0] == '@' ? "https://line.me/R/ti/p/" + c.line : c.line;
    out.push_back({"line", c.line, href});
  }
  if (!c.facebook.empty()) out.push_back({"facebook", c.facebook, c.facebook});
  if (!c.website.empty()) out.push_back({"website", c.website, c.website});
  if (!c.email.empty()) out.push_back({"email", c.email, "mailto:" + c.email});
  if (!c.map_url.empty()) out.push_back({"map", c.address.empty() ? c.map_url : c.address, c.map_url});
  return out;
}

Contact Contacts::get(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    auto row = tx.query_one(q::kContact, {agency_id});
    if (!row) return Contact{};
    auto j = json::parse(row->text("data"), nullptr, false);
    Contact c = j.is_object() ? contact_from_json(j) : Contact{};
    c.updated_at = row->integer("updated_at");
    return c;
  });
}

Result<void> Contacts::save(const http::Principal& by, const Contact& raw) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  Contact c;
  auto check = [](std::string& out, const char* name, std::string_view value, std::size_t max,
                  text::Lines lines = text::Lines::single) -> std::optional<Error> {
    auto v = text::form_field(name, value, max, false, lines);
    if (!v) return v.error();
    out = std::move(*v);
    return std::nullopt;
  };
  for (auto e : {check(c.address, "address", raw.address, 500, text::Lines::multiple),
                 check(c.map_url, "map_url", raw.map_url, 500), check(c.hours, "hours", raw.hours, 200),
                 check(c.phone, "phone", raw.phone, 80), check(c.fax, "fax", raw.fax, 80),
                 check(c.email, "email", raw.email, 200), check(c.facebook, "facebook", raw.facebook, 500),
                 check(c.line, "line", raw.line, 500), check(c.website, "website", raw.website, 500)}) {
    if (e) return fail(*e);
  }
  for (auto [value, name] : {std::pair{&c.map_url, "map_url"}, {&c.facebook, "facebook"}, {&c.website, "website"}}) {
    if (!value->empty() && !text::is_web_link(*value)) return fail(Error::invalid_field(name, "error.url"));
  }
  if (!c.line.empty() && !is_line(c.line)) return fail(Error::invalid_field("line", "error.line_id"));
  if (!c.email.empty() && !is_email(c.email)) return fail(Error::invalid_field("email", "error.email"));
  if (!c.phone.empty() && !is_phone(c.phone)) return fail(Error::invalid_field("phone", "error.phone"));
  if (!c.fax.empty() && !is_phone(c.fax)) return fail(Error::invalid_field("fax", "error.phone"));
  if (raw.executives.size() > kMaxExecutives) return fail(Error::invalid_field("executives", "error.too_many"));
  for (std::size_t i = 0; i < raw.executives.size(); ++i) {
    Executive e;
    std::string n = std::to_string(i);
    for (auto err : {check(e.name, ("exec_name_" + n).c_str(), raw.executives[i].name, 200),
                     check(e.position, ("exec_position_" + n).c_str(), raw.executives[i].position, 200),
                     check(e.phone, ("exec_phone_" + n).c_str(), raw.executives[i].phone, 80)}) {
      if (err) return fail(*err);
    }
    if (e.name.empty() && e.position.empty() && e.phone.empty()) continue;  // a blank row
    if (e.name.empty()) return fail(Error::invalid_field("exec_name_" + n, "error.required"));
    if (!e.phone.empty() && !is_phone(e.phone)) return fail(Error::invalid_field("exec_phone_" + n, "error.phone"));
    c.executives.push_back(std::move(e));
  }
  Contact before = get(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "contact", by.agency_id, to_json(before), to_json(c)), q::kSaveContact,
             {by.agency_id, to_json(c).dump(), tx.now()});
    return ok();
  });
}

}  // namespace prongsai::contact
