// /contact (public, page-cached): the agency's contact channels, each link with its QR code;
// /contact/poster: the same as an A4 poster for the service counter; /contact/qr/{kind}: one
// code as a PNG to print elsewhere. /admin/contact: the admin's form.
#include <nlohmann/json.hpp>

#include "documents/qr.hpp"
#include "http/errors.hpp"
#include "modules/contact/module.hpp"

namespace prongsai::contact {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

class ContactHandlers {
 public:
  ContactHandlers(Contacts& contacts, web::Pages& pages) : contacts_(contacts), pages_(pages) {}

  Response page(Request& req) { return public_page(req, "contact/contact"); }
  Response poster(Request& req) { return public_page(req, "contact/contact_poster"); }

  Response qr_png(Request& req) {
    for (const ContactLink& l : links_of(contacts_.get(req.agency_id))) {
      if (l.kind != req.param("kind")) continue;
      auto code = documents::qr_encode(l.href);
      if (!code) break;
      return Response::file(documents::qr_png(*code, 12), "image/png", "qr-" + l.kind + ".png");
    }
    return pages_.error(req, Error::not_found("contact link"));
  }

  Response edit(Request& req) {
    return form(req, contacts_.get(req.agency_id), std::nullopt, req.query_param("saved").has_value(), 200);
  }

  Response save(Request& req) {
    const http::Form& f = req.form();
    Contact c;
    c.address = f.value("address");
    c.map_url = f.value("map_url");
    c.hours = f.value("hours");
    c.phone = f.value("phone");
    c.fax = f.value("fax");
    c.email = f.value("email");
    c.facebook = f.value("facebook");
    c.line = f.value("line");
    c.website = f.value("website");
    for (std::size_t i = 0; i < kMaxExecutives; ++i) {
      std::string n = std::to_string(i);
      c.executives.push_back({f.value("exec_name_" + n), f.value("exec_position_" + n), f.value("exec_phone_" + n)});
    }
    auto r = contacts_.save(*req.principal, c);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return form(req, c, r.error(), false, 422);
    }
    return Response::redirect("/admin/contact?saved=1");
  }

 private:
  Response public_page(Request& req, std::string_view tpl) {
    Contact c = contacts_.get(req.agency_id);
    json links = json::array();
    for (const ContactLink& l : links_of(c)) {
      std::string label(pages_.t(req, "contact.kind." + l.kind));
      auto code = documents::qr_encode(l.href);
      links.push_back({{"kind", l.kind},
                       {"label", label},
                       {"shown", l.shown},
                       {"href", l.href},
                       {"qr", code ? documents::qr_svg(*code, label + " " + l.shown) : ""},
                       {"png", "/contact/qr/" + l.kind}});
    }
    json execs = json::array();
    for (const Executive& e : c.executives) {
      execs.push_back({{"name", e.name},
                       {"position", e.position},
                       {"phone", e.phone},
                       {"tel", e.phone.empty() ? "" : tel_href(e.phone)}});
    }
    return pages_.page(req, tpl,
                       {{"title", std::string(pages_.t(req, "contact.title"))},
                        {"empty", c.empty()},
                        {"address", c.address},
                        {"map_url", c.map_url},
                        {"hours", c.hours},
                        {"phone", c.phone},
                        {"tel", c.phone.empty() ? "" : tel_href(c.phone)},
                        {"fax", c.fax},
                        {"has_links", !links.empty()},
                        {"links", links},
                        {"executives", execs},
                        {"has_executives", !execs.empty()}});
  }

  Response form(Request& req, const Contact& c, const std::optional<Error>& error, bool saved, int status) {
    json execs = json::array();
    for (std::size_t i = 0; i < kMaxExecutives; ++i) {
      Executive e = i < c.executives.size() ? c.executives[i] : Executive{};
      execs.push_back({{"n", std::to_string(i)},
                       {"number", std::to_string(i + 1)},
                       {"name", e.name},
                       {"position", e.position},
                       {"phone", e.phone}});
    }
    json data = to_json(c);
    data["executives"] = execs;
    data["title"] = std::string(pages_.t(req, "contact.edit_title"));
    data["saved"] = saved;
    return pages_.form(req, "contact/contact_edit", std::move(data), error, status);
  }

  Contacts& contacts_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Contacts& contacts) {
  auto h = std::make_shared<ContactHandlers>(contacts, pages);
  router.add(Route(Method::get, "/contact", Access::anyone(), http::member(h, &ContactHandlers::page))).cached();
  router.add(Route(Method::get, "/contact/poster", Access::anyone(), http::member(h, &ContactHandlers::poster)))
      .cached();
  router.add(Route(Method::get, "/contact/qr/{kind}", Access::anyone(), http::member(h, &ContactHandlers::qr_png)));
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/admin/contact", admin, http::member(h, &ContactHandlers::edit)));
  router.add(Route(Method::post, "/admin/contact", admin, http::member(h, &ContactHandlers::save)));
  pages.add_menu({"menu.contact", "/admin/contact", admin, "public"});
}

}  // namespace prongsai::contact
