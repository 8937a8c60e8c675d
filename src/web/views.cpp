// Template loading, string substitution, JSON → mustache data, and the page shell.
#include "web/views.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"
#include "http/errors.hpp"

namespace prongsai::web {

std::string version_label(Lang lang, int version) {
  if (version == 0) return std::string(Strings::instance().get(lang, "framework.version_shipped"));
  return std::string(Strings::instance().get(lang, "framework.version_n")) + " " + std::to_string(version);
}
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Replaces every [[key]] with the catalogue's text for `lang`.
std::string substitute(std::string_view source, Lang lang, std::string_view template_name) {
  const Strings& strings = Strings::instance();
  std::string out;
  std::size_t i = 0;
  while (i < source.size()) {
    std::size_t open = source.find("[[", i);
    if (open == std::string_view::npos) {
      out.append(source.substr(i));
      break;
    }
    std::size_t close = source.find("]]", open + 2);
    if (close == std::string_view::npos) throw std::runtime_error(std::string(template_name) + ": unclosed [[");
    std::string_view key = source.substr(open + 2, close - open - 2);
    if (!strings.has(Lang::th, key)) {
      throw std::runtime_error(std::string(template_name) + ": no Thai string for [[" + std::string(key) + "]]");
    }
    out.append(source.substr(i, open - i));
    out.append(escape_html(strings.get(lang, key)));
    i = close + 2;
  }
  return out;
}

data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      data d{data::type::object};
      for (auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      data d{data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    // An empty string is false, so {{#note}}…{{/note}} skips it (kainjow counts "" as true); as
    // a variable, false renders as nothing, like "".
    case nlohmann::json::value_t::string:
      return j.get_ref<const std::string&>().empty() ? data(data::type::bool_false) : data(j.get<std::string>());
    case nlohmann::json::value_t::boolean: return data(j.get<bool>() ? data::type::bool_true : data::type::bool_false);
    case nlohmann::json::value_t::null: return data(data::type::bool_false);
    default: return data(j.dump());
  }
}

}  // namespace

Views::Views() {
  std::string all_assets;
  for (const embedded::File& f : embedded::list("assets/")) all_assets.append(f.data);
  asset_version_ = crypto::sha256_hex(all_assets).substr(0, 12);
  std::map<std::string, std::string> raw;
  for (const embedded::File& f : embedded::list("templates/")) {
    std::string name(f.name.substr(10));  // drop "templates/"
    raw.emplace(name.substr(0, name.rfind(".mustache")), std::string(f.data));
  }
  // Partials ("{{> complaints/case_body}}") are pasted in once, here: one level, no recursion.
  auto expand = [&](std::string source, const std::string& name) {
    for (std::size_t at = source.find("{{>"); at != std::string::npos; at = source.find("{{>", at)) {
      std::size_t end = source.find("}}", at);
      if (end == std::string::npos) throw std::runtime_error("template " + name + ": unclosed partial");
      std::string partial(text::trim(std::string_view(source).substr(at + 3, end - at - 3)));
      auto it = raw.find(partial);
      if (it == raw.end() || it->second.find("{{>") != std::string::npos)
        throw std::runtime_error("template " + name + ": no partial " + partial + " (or it has partials itself)");
      source.replace(at, end + 2 - at, it->second);
      at += it->second.size();
    }
    return source;
  };
  for (const auto& [name, body] : raw) {
    std::string expanded = expand(body, name);
    for (Lang lang : {Lang::th, Lang::en}) {
      std::string source = substitute(expanded, lang, name);
      mustache check(source);
      if (!check.is_valid()) throw std::runtime_error("template " + name + ": " + check.error_message());
      sources_.emplace(std::make_pair(lang, name), std::move(source));
    }
  }
}

std::vector<std::string> Views::names() const {
  std::vector<std::string> out;
  for (const auto& [key, source] : sources_) {
    if (key.first == Lang::th) out.push_back(key.second);
  }
  return out;
}

std::string Views::render(Lang lang, std::string_view name, const nlohmann::json& json) const {
  // kainjow's render() is not const: each thread keeps its own compiled copy.
  thread_local std::map<std::pair<const Views*, std::pair<Lang, std::string>>, std::unique_ptr<mustache>> compiled;
  auto key = std::make_pair(this, std::make_pair(lang, std::string(name)));
  auto it = compiled.find(key);
  if (it == compiled.end()) {
    auto source = sources_.find(key.second);
    if (source == sources_.end()) throw std::runtime_error("no template named " + std::string(name));
    it = compiled.emplace(key, std::make_unique<mustache>(source->second)).first;
  }
  return it->second->render(to_data(json));
}

std::string_view Pages::t(const http::Request& req, std::string_view key) const {
  return Strings::instance().get(req.lang, key);
}

nlohmann::json Pages::error_json(const http::Request& req, const Error& e) const {
  std::string message(t(req, e.message_key.empty() ? "error.bad_form" : e.message_key));
  if (e.retry_after > 0) {  // "{wait}": in whole minutes, or seconds under one
    bool minutes = e.retry_after > 60;
    std::int64_t n = minutes ? (e.retry_after + 59) / 60 : e.retry_after;
    message =
        text::fill(std::move(message), "wait",
                   text::fill(std::string(t(req, minutes ? "time.minutes" : "time.seconds")), "n", std::to_string(n)));
  }
  nlohmann::json out = {{"message", std::move(message)}, {"field", e.field}};
  if (!e.shown.empty()) out["detail"] = e.shown;
  return out;
}

http::Response Pages::form(const http::Request& req, std::string_view name, nlohmann::json data,
                           const std::optional<Error>& error, int status) const {
  if (error) {
    nlohmann::json said = error_json(req, *error);
    // A field name a template can spell ({{#errors.name_th}}); any other stays above the form.
    if (text::is_snake_name(error->field)) data["errors"][error->field] = said["message"];
    // Personal data found in what the form would publish (files::personal_data_error): the
    // places, a line each, for the partial site/personal_data and its box to tick.
    if (error->field == "confirm_personal_data") {
      nlohmann::json lines = nlohmann::json::array();
      for (std::string_view line : text::split(error->shown, '\n')) lines.push_back(std::string(line));
      data["personal_data"] = std::move(lines);
      data["has_personal_data"] = true;
    }
    data["error"] = std::move(said);
  }
  return page(req, name, std::move(data), status);
}

void Pages::add_menu(MenuEntry entry) {
  if (std::find(std::begin(kMenuGroups), std::end(kMenuGroups), entry.group) == std::end(kMenuGroups))
    throw std::logic_error("menu entry " + entry.href + ": no menu group \"" + entry.group + "\"");
  menu_.push_back(std::move(entry));
}

nlohmann::json Pages::menu_for(const http::Request& req) const {
  nlohmann::json groups = nlohmann::json::array();
  if (!req.principal) return groups;
  for (std::string_view group : kMenuGroups) {
    nlohmann::json links = nlohmann::json::array();
    bool current_group = false;
    for (const MenuEntry& m : menu_) {
      if (m.group != group || !m.access.allows(req.principal)) continue;
      bool current = req.path == m.href || (m.href != "/staff" && req.path.starts_with(m.href + "/"));
      current_group = current_group || current;
      links.push_back({{"label", std::string(t(req, m.label_key))}, {"href", m.href}, {"current", current}});
    }
    if (links.empty()) continue;
    std::string key(group);
    nlohmann::json first = links[0];
    groups.push_back({{"key", key},
                      {"label", std::string(t(req, "menu.group." + key))},
                      {"plain", key == "home" || key == "account"},
                      {"link", std::move(first)},
                      {"current", current_group},
                      {"links", std::move(links)}});
  }
  return groups;
}

void Pages::set_public_links(std::vector<PublicLink> links) {
  for (const PublicLink& l : links) {
    bool known = l.section == "footer" || std::find(std::begin(kPublicSections), std::end(kPublicSections),
                                                    l.section) != std::end(kPublicSections);
    if (!known) throw std::logic_error("public link " + l.href + ": no section \"" + l.section + "\"");
  }
  std::stable_sort(links.begin(), links.end(),
                   [](const PublicLink& a, const PublicLink& b) { return a.order < b.order; });
  public_links_ = std::move(links);
}

namespace {

std::string_view path_of(std::string_view href) { return href.substr(0, href.find('?')); }

// How well a link's page holds `path`: 0 not at all; more for a longer match, most for the page
// itself (a link with a query string counts a little less than the same page without).
std::size_t holds(std::string_view path, std::string_view href) {
  std::string_view page = path_of(href);
  bool plain = page.size() == href.size();
  if (path == page) return 2 * page.size() + 2 + (plain ? 1 : 0);
  if (page != "/" && path.starts_with(page) && path[page.size()] == '/') return 2 * page.size();
  return 0;
}

}  // namespace

nlohmann::json Pages::public_menu_for(const http::Request& req, const std::vector<std::string>& sections) const {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& section : sections) {
    nlohmann::json links = nlohmann::json::array();
    bool current_section = false;
    for (const PublicLink& l : public_links_) {
      if (l.section != section) continue;
      bool current = holds(req.path, l.href) > 0;
      current_section = current_section || current;
      links.push_back({{"label", std::string(t(req, l.label_key))}, {"href", l.href}, {"current", current}});
    }
    if (links.empty()) continue;
    out.push_back({{"key", section},
                   {"label", std::string(t(req, "menu.section." + section))},
                   {"current", current_section},
                   {"links", std::move(links)}});
  }
  return out;
}

nlohmann::json Pages::breadcrumbs_for(const http::Request& req, const std::vector<std::string>& sections,
                                      const nlohmann::json& title) const {
  const PublicLink* best = nullptr;
  std::size_t best_score = 0;
  for (const PublicLink& l : public_links_) {
    if (std::find(sections.begin(), sections.end(), l.section) == sections.end()) continue;
    std::size_t score = holds(req.path, l.href);
    if (score > best_score) best = &l, best_score = score;
  }
  nlohmann::json out = nlohmann::json::array();
  if (!best) return out;
  out.push_back({{"label", std::string(t(req, "layout.home"))}, {"href", "/"}});
  out.push_back({{"label", std::string(t(req, "menu.section." + best->section))}, {"href", ""}});
  bool on_it = req.path == path_of(best->href);
  out.push_back({{"label", std::string(t(req, best->label_key))}, {"href", on_it ? "" : best->href}});
  if (!on_it && title.is_string() && !title.get_ref<const std::string&>().empty())
    out.push_back({{"label", title}, {"href", ""}});
  out.back()["current"] = true;
  return out;
}

http::Response Pages::page(const http::Request& req, std::string_view name, nlohmann::json data, int status) const {
  ShellData shell = shell_(req);
  nlohmann::json layout;
  layout["lang"] = std::string(to_string(req.lang));
  layout["other_lang"] = req.lang == Lang::th ? "en" : "th";
  layout["agency_name"] = shell.agency_name;
  layout["title"] = data.contains("title") ? data["title"] : nlohmann::json(shell.agency_name);
  layout["asset_version"] = views_.asset_version();
  layout["csrf"] = req.csrf_token;
  layout["path"] = req.path;
  if (shell.look) {
    const Look& look = *shell.look;
    nlohmann::json menu = public_menu_for(req, look.sections);
    layout["has_public_menu"] = !menu.empty();
    layout["public_menu"] = std::move(menu);
    nlohmann::json crumbs =
        data.contains("breadcrumbs") ? data["breadcrumbs"] : breadcrumbs_for(req, look.sections, layout["title"]);
    layout["has_breadcrumbs"] = crumbs.size() > 1;
    layout["breadcrumbs"] = std::move(crumbs);
    nlohmann::json footer = nlohmann::json::array();
    for (const PublicLink& l : public_links_)
      if (l.section == "footer") footer.push_back({{"label", std::string(t(req, l.label_key))}, {"href", l.href}});
    layout["footer_links"] = std::move(footer);
    layout["emblem"] = look.emblem;
    layout["look"] = true;
  }
  // What a link shared in LINE or Facebook shows: absolute URLs, so only where the site's
  // address is known.
  if (!req.origin.empty()) {
    const nlohmann::json& preview = data.contains("preview") ? data["preview"] : nlohmann::json::object();
    std::string image = preview.value("image", std::string());
    if (image.empty() && shell.look) image = shell.look->picture;
    layout["canonical"] = req.origin + req.path;
    layout["og_description"] = preview.value("description", shell.agency_name);
    layout["og_image"] = image.empty() ? "" : req.origin + image;
    layout["og_type"] = preview.value("type", std::string("website"));
    layout["og_locale"] = req.lang == Lang::th ? "th_TH" : "en_US";
  }
  if (req.principal) {
    layout["user"] = {{"name", req.principal->display_name}, {"email", req.principal->email}};
    layout["second_factor_missing"] = req.principal->second_factor_missing && req.path != "/account/second-factor";
    layout["menu"] = menu_for(req);
  }
  data["csrf"] = req.csrf_token;
  if (!req.origin.empty()) {
    std::string url = req.origin + req.path;
    std::string encoded = boost::urls::encode(url, boost::urls::unreserved_chars);
    data["share"] = {{"url", url},
                     {"line", "https://social-plugins.line.me/lineit/share?url=" + encoded},
                     {"facebook", "https://www.facebook.com/sharer/sharer.php?u=" + encoded}};
  }
  if (!data.contains("agency_name")) data["agency_name"] = shell.agency_name;
  layout["content"] = views_.render(req.lang, name, data);
  return http::Response::html(views_.render(req.lang, "layout", layout), status);
}

http::Response Pages::error(const http::Request& req, const Error& e) const {
  if (e.kind == ErrorKind::not_set_up) {
    // A state of the installation to act on, not a wrong address: said in full, with the way
    // to the framework workshop for the one who can use it.
    nlohmann::json data;
    data["title"] = std::string(t(req, "framework.none_title"));
    data["message"] = std::string(t(req, e.message_key));
    data["admin"] = req.principal && req.principal->roles.has(http::Role::admin);
    data["signed_in"] = req.principal != nullptr;
    return page(req, "no_framework", std::move(data), 200);
  }
  int status = http::status_of(e.kind);
  nlohmann::json data;
  data["title"] = std::string(t(req, "error.title"));
  data["message"] = e.message_key.empty() ? nlohmann::json(t(req, "error.internal")) : error_json(req, e)["message"];
  data["status"] = std::to_string(status);
  data["signed_in"] = req.principal != nullptr;
  http::Response res = page(req, "error", std::move(data), status);
  if (e.retry_after > 0) res.header("Retry-After", std::to_string(e.retry_after));
  return res;
}

}  // namespace prongsai::web
