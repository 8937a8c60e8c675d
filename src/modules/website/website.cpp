// The agency's look: reading it, the admin's save (checked, audited, pictures judged by their
// bytes) and the pictures. See website.hpp.
#include "modules/website/website.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/website/queries.hpp"
#include "web/website.hpp"

namespace prongsai::website {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& sections) {
  std::string out;
  for (const std::string& s : sections) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> default_sections() {
  return {std::begin(web::kPublicSections), std::end(web::kPublicSections)};
}

// The stored order, with any section a newer version added at its first place.
std::vector<std::string> sections_from(std::string_view stored) {
  std::vector<std::string> out;
  for (std::string_view s : text::split(stored, ','))
    if (std::find(std::begin(web::kPublicSections), std::end(web::kPublicSections), s) !=
            std::end(web::kPublicSections) &&
        std::find(out.begin(), out.end(), s) == out.end())
      out.emplace_back(s);
  for (std::size_t i = 0; i < std::size(web::kPublicSections); ++i) {
    std::string s(web::kPublicSections[i]);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.insert(out.begin() + std::min(i, out.size()), s);
  }
  return out;
}

Look look_from(const store::Row& r) {
  Look l;
  l.colour = r.text("colour");
  l.sections = sections_from(r.text("sections"));
  l.tagline = r.text("tagline");
  l.emblem = {r.text("emblem_sha256"), r.text("emblem_name"), r.text("emblem_type"), r.integer("emblem_size")};
  l.banner = {r.text("banner_sha256"), r.text("banner_name"), r.text("banner_type"), r.integer("banner_size")};
  l.mourning_from = r.text("mourning_from");
  l.mourning_until = r.text("mourning_until");
  l.eit_url = r.text("eit_url");
  l.eit_from = r.text("eit_from");
  l.eit_until = r.text("eit_until");
  l.updated_at = r.integer("updated_at");
  return l;
}

json audit_view(const Look& l) {
  return {{"colour", l.colour},
          {"sections", joined(l.sections)},
          {"tagline", l.tagline},
          {"emblem", l.emblem.sha256},
          {"banner", l.banner.sha256},
          {"mourning_from", l.mourning_from},
          {"mourning_until", l.mourning_until},
          {"eit_url", l.eit_url},
          {"eit_from", l.eit_from},
          {"eit_until", l.eit_until}};
}

// Within [from, until], both ISO dates; neither given: never.
bool within(const std::string& from, const std::string& until, calendar::Date day) {
  auto f = calendar::parse_iso(from), u = calendar::parse_iso(until);
  return f && u && *f <= day && day <= *u;
}

Result<std::string> date_field(const char* name, const std::string& raw) {
  std::string v(text::trim(raw));
  if (v.empty()) return v;
  auto d = calendar::parse_iso(v);
  if (!d || d->year() < std::chrono::year(2000) || d->year() > std::chrono::year(2100))
    return fail(Error::invalid_field(name, "error.date"));
  return calendar::iso(*d);
}

// Both dates or neither, the second not before the first.
Result<std::pair<std::string, std::string>> period_fields(const char* from_name, const std::string& from_raw,
                                                          const char* until_name, const std::string& until_raw) {
  auto from = date_field(from_name, from_raw);
  if (!from) return fail(from.error());
  auto until = date_field(until_name, until_raw);
  if (!until) return fail(until.error());
  if (from->empty() != until->empty())
    return fail(Error::invalid_field(from->empty() ? from_name : until_name, "error.period_both"));
  if (!from->empty() && *until < *from) return fail(Error::invalid_field(until_name, "error.date_order"));
  return std::make_pair(std::move(*from), std::move(*until));
}

// The order the admin gave: each section's place, 1 to 6; ties keep the first order.
Result<std::vector<std::string>> order_field(const std::vector<std::string>& places) {
  std::vector<std::pair<int, std::size_t>> order;
  for (std::size_t i = 0; i < std::size(web::kPublicSections); ++i) {
    std::string_view raw = i < places.size() ? text::trim(places[i]) : std::string_view();
    int place = static_cast<int>(i) + 1;
    if (!raw.empty()) {
      if (raw.size() > 1 || raw[0] < '1' || raw[0] > '0' + static_cast<int>(std::size(web::kPublicSections)))
        return fail(Error::invalid_field("order_" + std::string(web::kPublicSections[i]), "error.number"));
      place = raw[0] - '0';
    }
    order.emplace_back(place, i);
  }
  std::stable_sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (const auto& [place, i] : order) out.emplace_back(web::kPublicSections[i]);
  return out;
}

}  // namespace

Result<std::string> check_colour(std::string_view raw) {
  std::string_view v = text::trim(raw);
  if (v.empty()) return std::string();
  auto c = colour::parse_hex(v);
  if (!c) return fail(Error::invalid_field("colour", "error.colour"));
  double ratio =
      std::min({colour::contrast(*c, *colour::parse_hex(kPaper)), colour::contrast(*c, *colour::parse_hex(kTint))});
  if (ratio < colour::kAaNormalText) {
    char said[16];
    // Cut, not rounded: a ratio just under 4.5 must not read as 4.5.
    std::snprintf(said, sizeof said, "%.2f:1", std::floor(ratio * 100) / 100);
    Error e = Error::said(ErrorKind::invalid, "error.colour_contrast", said);
    e.field = "colour";
    return fail(e);
  }
  return colour::hex(*c);
}

std::string picture_url(const files::Ref& ref, std::string_view which) {
  if (ref.sha256.empty()) return "";
  return "/look/" + std::string(which) + "?v=" + ref.sha256.substr(0, 12);
}

bool Look::mourning_on(calendar::Date day) const { return within(mourning_from, mourning_until, day); }
bool Look::eit_open(calendar::Date day) const { return !eit_url.empty() && within(eit_from, eit_until, day); }

std::optional<std::int64_t> Look::next_change(std::int64_t now) const {
  std::optional<std::int64_t> next;
  auto consider = [&](const std::string& iso, int days_after) {
    auto d = calendar::parse_iso(iso);
    if (!d) return;
    std::int64_t at = calendar::start_of_day(calendar::add_days(*d, days_after));
    if (at > now && (!next || at < *next)) next = at;
  };
  consider(mourning_from, 0);
  consider(mourning_until, 1);
  consider(eit_from, 0);
  consider(eit_until, 1);
  return next;
}

std::string_view to_string(Page p) {
  switch (p) {
    case Page::privacy: return "privacy";
    case Page::website_policy: return "website_policy";
    case Page::security_policy: return "security_policy";
  }
  return "privacy";
}

Text Service::text(std::int64_t agency_id, Page page) {
  return store_.read([&](store::ReadTx& tx) {
    auto r = tx.query_one(q::kText, {agency_id, std::string(to_string(page))});
    return r ? Text{r->text("body"), r->integer("changed_at")} : Text{};
  });
}

Result<void> Service::save_texts(const http::Principal& by, const std::vector<std::pair<Page, std::string>>& bodies) {
  if (auto r = accounts::admin_only(by); !r) return r;
  std::vector<std::tuple<Page, std::string, Text>> changes;  // page, new body, as it was
  for (const auto& [page, raw] : bodies) {
    std::string field(to_string(page));
    auto body = text::form_field(field, raw, kMaxTextChars, false, text::Lines::multiple);
    if (!body) return fail(body.error());
    Text before = text(by.agency_id, page);
    if (*body != before.body || (page == Page::privacy && before.changed_at == 0))
      changes.emplace_back(page, std::move(*body), std::move(before));
  }
  if (changes.empty()) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    for (const auto& [page, body, before] : changes)
      tx.apply(store::Change::update(by.agency_id, "website_" + std::string(to_string(page)), by.agency_id,
                                     {{"text", before.body}}, {{"text", body}}),
               q::kSaveText, {by.agency_id, std::string(to_string(page)), body, tx.now()});
    return ok();
  });
}

Look Service::look(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    auto r = tx.query_one(q::kLook, {agency_id});
    if (r) return look_from(*r);
    Look l;
    l.sections = default_sections();
    return l;
  });
}

Result<void> Service::save(const http::Principal& by, const LookInput& in) {
  if (auto r = accounts::admin_only(by); !r) return r;
  Look before = look(by.agency_id);
  Look l = before;
  auto c = check_colour(in.colour);
  if (!c) return fail(c.error());
  l.colour = std::move(*c);
  auto sections = order_field(in.section_order);
  if (!sections) return fail(sections.error());
  l.sections = std::move(*sections);
  auto tagline = text::form_field("tagline", in.tagline, kMaxTaglineChars, false);
  if (!tagline) return fail(tagline.error());
  l.tagline = std::move(*tagline);
  auto mourning = period_fields("mourning_from", in.mourning_from, "mourning_until", in.mourning_until);
  if (!mourning) return fail(mourning.error());
  std::tie(l.mourning_from, l.mourning_until) = std::move(*mourning);
  auto eit_url = text::form_field("eit_url", in.eit_url, 1000, false);
  if (!eit_url) return fail(eit_url.error());
  if (!eit_url->empty() && !text::is_web_link(*eit_url)) return fail(Error::invalid_field("eit_url", "error.url"));
  l.eit_url = std::move(*eit_url);
  auto eit = period_fields("eit_from", in.eit_from, "eit_until", in.eit_until);
  if (!eit) return fail(eit.error());
  std::tie(l.eit_from, l.eit_until) = std::move(*eit);
  if (!l.eit_from.empty() && l.eit_url.empty()) return fail(Error::invalid_field("eit_url", "error.eit_link_needed"));

  // The pictures: judged by their bytes, without what a camera or editor wrote in them.
  std::vector<files::Upload> uploads;  // what the checked pictures point into
  uploads.reserve(2);
  auto picture = [&](const std::optional<files::Upload>& up, const char* field, std::size_t max_bytes,
                     bool svg) -> Result<std::optional<files::Checked>> {
    if (!up || up->data.empty()) return std::optional<files::Checked>();
    uploads.push_back(*up);
    std::vector<files::Upload> one = {uploads.back()};
    auto checked =
        files::check(one, {.field = field,
                           .max_bytes = max_bytes,
                           .max_files = 1,
                           .accepts = [](const files::Kind& k) { return k.content_type.starts_with("image/"); },
                           .not_accepted = "error.not_an_image",
                           .strip = true,
                           .svg = svg});
    if (!checked) return fail(checked.error());
    files::Checked out = checked->front();
    out.upload = &uploads.back();
    return std::optional(out);
  };
  auto emblem = picture(in.emblem, "emblem", kMaxEmblemBytes, true);  // an emblem is often drawn: SVG too
  if (!emblem) return fail(emblem.error());
  auto banner = picture(in.banner, "banner", kMaxBannerBytes, false);
  if (!banner) return fail(banner.error());
  auto ref_of = [](const files::Checked& c) {
    return files::Ref{crypto::sha256_hex(c.data()), files::clean_name(c.upload->name, c.kind),
                      std::string(c.kind.content_type), static_cast<std::int64_t>(c.data().size())};
  };
  if (*emblem)
    l.emblem = ref_of(**emblem);
  else if (in.remove_emblem)
    l.emblem = {};
  if (*banner)
    l.banner = ref_of(**banner);
  else if (in.remove_banner)
    l.banner = {};

  json was = audit_view(before), is = audit_view(l);
  if (was == is && before.updated_at != 0) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "website_look", by.agency_id, was, is), q::kSaveLook,
             {by.agency_id, l.colour, joined(l.sections), l.tagline, l.emblem.sha256, l.emblem.name,
              l.emblem.content_type, l.emblem.size, l.banner.sha256, l.banner.name, l.banner.content_type,
              l.banner.size, l.mourning_from, l.mourning_until, l.eit_url, l.eit_from, l.eit_until, tx.now()});
    if (*emblem) files::put(tx, by.agency_id, (*emblem)->upload->name, (*emblem)->data(), (*emblem)->kind);
    if (*banner) files::put(tx, by.agency_id, (*banner)->upload->name, (*banner)->data(), (*banner)->kind);
    return ok();
  });
}

Result<std::pair<files::Ref, std::string>> Service::picture(std::int64_t agency_id, Picture which) {
  Look l = look(agency_id);
  const files::Ref& ref = which == Picture::emblem ? l.emblem : l.banner;
  if (ref.sha256.empty()) return fail(Error::not_found("picture"));
  auto data = store_.read([&](store::ReadTx& tx) { return files::get(tx, agency_id, ref.sha256); });
  if (!data) return fail(Error::not_found("picture"));
  return std::make_pair(ref, std::move(*data));
}

}  // namespace prongsai::website
