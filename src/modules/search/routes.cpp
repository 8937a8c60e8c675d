// /search?q= : news, published answers and the ITA documents on the agency's registries, in one
// list, newest first, the query's matches highlighted. A GET form, so it works without
// JavaScript and a result list can be linked; not cached (every query differs).
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <nlohmann/json.hpp>

#include "core/search_text.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/search/module.hpp"

namespace prongsai::search {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

constexpr std::int64_t kPageSize = 20;
constexpr std::int64_t kCountCap = 200;  // "more than 200" (ten pages): counting further costs and tells nothing
constexpr std::size_t kMaxQuery = 100;
constexpr std::size_t kTitleChars = 160, kExcerptChars = 220;

json segments_json(const search::Excerpt& e) {
  json out = json::array();
  for (const search::Segment& s : e.segments) out.push_back({{"text", s.text}, {"hit", s.hit}});
  return out;
}

class SearchHandlers {
 public:
  SearchHandlers(store::Store& store, web::Pages& pages, const Clock& clock)
      : store_(store), pages_(pages), clock_(clock) {}

  Response search(Request& req) {
    std::string raw = req.query_param("q").value_or("");
    json data = {{"title", std::string(pages_.t(req, "search.title"))}, {"q", raw}};
    auto q = text::form_field("q", raw, kMaxQuery, false);
    if (!q) {
      data["q"] = text::is_valid_utf8(raw) ? raw : "";
      return pages_.form(req, "search/search", std::move(data), q.error(), 400);
    }
    std::u32string folded = search::fold(*q);
    if (folded.empty()) return pages_.page(req, "search/search", std::move(data));

    std::int64_t page = text::parse_id(req.query_param("page").value_or("1")).value_or(0);
    if (page < 1 || page > kCountCap / kPageSize) return pages_.error(req, Error::not_found("page"));
    std::int64_t now = clock_.now();
    auto [hits, total] = store_.read([&](store::ReadTx& tx) {
      return tx.search(req.agency_id, folded, now, kPageSize, (page - 1) * kPageSize, kCountCap + 1);
    });
    std::int64_t pages = std::max<std::int64_t>((std::min(total, kCountCap) + kPageSize - 1) / kPageSize, 1);
    if (page > pages) return pages_.error(req, Error::not_found("page"));

    json results = json::array();
    for (const store::SearchHit& h : hits) {
      search::Excerpt title = search::excerpt(h.title, folded, kTitleChars);
      search::Excerpt body = search::excerpt(h.body, folded, kExcerptChars);
      results.push_back(
          {{"kind", std::string(pages_.t(req, "search.kind." + h.kind))},
           {"url", h.url},
           {"date", calendar::format(calendar::local_date(h.visible_from), req.lang, calendar::Style::long_form)},
           {"title", segments_json(title)},
           {"title_cut", title.cut_after},
           {"body", segments_json(body)},
           {"has_body", !body.segments.empty()},
           {"body_before", body.cut_before},
           {"body_after", body.cut_after}});
    }
    std::string count = total > kCountCap ? std::string(pages_.t(req, "search.more_than_cap")) : std::to_string(total);
    auto link = [&](std::int64_t p) {
      return "/search?q=" + boost::urls::encode(*q, boost::urls::unreserved_chars) +
             (p > 1 ? "&page=" + std::to_string(p) : "");
    };
    data["q"] = *q;
    data["searched"] = true;
    data["found"] = !results.empty();
    data["count"] = count;
    data["results"] = std::move(results);
    data["first"] = std::to_string((page - 1) * kPageSize + 1);
    data["page"] = std::to_string(page);
    data["pages"] = std::to_string(pages);
    data["prev"] = page > 1 ? link(page - 1) : "";
    data["next"] = page < pages ? link(page + 1) : "";
    data["title"] = *q + " – " + std::string(pages_.t(req, "search.title"));
    return pages_.page(req, "search/search", std::move(data));
  }

 private:
  store::Store& store_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, store::Store& store, const Clock& clock) {
  auto h = std::make_shared<SearchHandlers>(store, pages, clock);
  router.add(Route(Method::get, "/search", Access::anyone(), http::member(h, &SearchHandlers::search)));
}

}  // namespace prongsai::search
