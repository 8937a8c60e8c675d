// The frozen snapshot (assessment.hpp): the public ITA pages, the evidence and the answer sheet as
// they stood when the agency submitted its answers in ITAS, kept by hash and never changed.
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"

namespace prongsai::assessment {
namespace {

using nlohmann::json;

constexpr std::string_view kCountOfDay =
    "SELECT COUNT(*) AS n FROM assessment_snapshots WHERE agency_id = ? AND fiscal_year = ? AND taken_on = ?";
constexpr std::string_view kInsert =
    "INSERT INTO assessment_snapshots (agency_id, fiscal_year, slug, taken_on, taken_at, taken_by) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertItem =
    "INSERT INTO assessment_snapshot_items (snapshot_id, agency_id, item_code, status, has, urls, explanation, "
    "evidence, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertPage =
    "INSERT INTO assessment_snapshot_pages (snapshot_id, agency_id, path, sha256, name, content_type, size) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelect =
    "SELECT id, slug, taken_on, taken_at, taken_by FROM assessment_snapshots "
    "WHERE agency_id = ? AND fiscal_year = ? ORDER BY taken_at DESC, id DESC";
constexpr std::string_view kSelectItems =
    "SELECT item_code, status, has, urls, explanation, evidence, fingerprint FROM assessment_snapshot_items "
    "WHERE snapshot_id = ? AND agency_id = ?";
constexpr std::string_view kSelectPages =
    "SELECT path, sha256, name, content_type, size FROM assessment_snapshot_pages WHERE snapshot_id = ? AND agency_id "
    "= ? "
    "ORDER BY path";

// What a kept page is, by what was served: HTML and CSV are downloaded to open, never shown
// inline (files::download); a PDF or office file Prongsai made is what its bytes are.
constexpr files::Kind kHtml{"text/html; charset=utf-8", "html", false};
constexpr files::Kind kCsv{"text/csv; charset=utf-8", "csv", false};
constexpr files::Kind kOther{"application/octet-stream", "bin", false};
files::Kind page_kind(const Served& served) {
  if (served.content_type.starts_with("text/html")) return kHtml;
  if (served.content_type.starts_with("text/csv")) return kCsv;
  auto kind = files::sniff(served.body);
  return kind ? *kind : kOther;
}

json to_json(const KeptEvidence& e) {
  json j{{"id", e.id},
         {"period", e.period},
         {"kind", e.kind},
         {"title", e.title},
         {"body", e.body},
         {"url", e.url},
         {"published_on", calendar::iso(e.published_on)},
         {"produced", e.produced}};
  if (!e.file.sha256.empty())
    j["file"] = {
        {"sha256", e.file.sha256}, {"name", e.file.name}, {"content_type", e.file.content_type}, {"size", e.file.size}};
  return j;
}

KeptEvidence evidence_of(const json& j) {
  KeptEvidence e;
  e.id = j.value("id", std::int64_t{0});
  e.period = j.value("period", "");
  e.kind = j.value("kind", "");
  e.title = j.value("title", "");
  e.body = j.value("body", "");
  e.url = j.value("url", "");
  e.published_on = calendar::parse_iso(j.value("published_on", "")).value_or(calendar::Date{});
  e.produced = j.value("produced", false);
  if (j.contains("file")) {
    const json& f = j["file"];
    e.file = {f.value("sha256", ""), f.value("name", ""), f.value("content_type", ""),
              f.value("size", std::int64_t{0})};
  }
  return e;
}

// The registry's evidence of an item as the snapshot keeps it: every period's, in order.
std::vector<KeptEvidence> kept_evidence(const disclosure::ItemState& state) {
  std::vector<KeptEvidence> out;
  for (const disclosure::Slot& slot : state.slots)
    for (const disclosure::Evidence& e : slot.entries)
      out.push_back({e.id, e.period, std::string(disclosure::to_string(e.kind)), e.title, e.body, e.url, e.published_on,
                     e.produced, e.kind == disclosure::EvidenceKind::file ? e.file : files::Ref{}});
  return out;
}

// What a kept page is called when downloaded: "ita-2570-O11-2027-04-20.html",
// "procurement-2570-files-2026-10-2027-04-20.pdf".
std::string page_name(std::string_view path, std::string_view slug, std::string_view extension) {
  if (std::size_t dot = path.rfind('.'); dot != std::string_view::npos && path.substr(dot + 1) == extension)
    path = path.substr(0, dot);
  std::string name;
  for (char c : path) {
    bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (plain)
      name += c;
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  if (!name.empty() && name.back() != '-') name += '-';
  return name + std::string(slug) + "." + std::string(extension);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::string_view l : text::split(text, '\n'))
    if (!l.empty()) out.emplace_back(l);
  return out;
}

}  // namespace

std::string fingerprint(const std::vector<KeptEvidence>& evidence) {
  json all = json::array();
  for (const KeptEvidence& e : evidence) {
    json j = to_json(e);
    // A page of Prongsai's own keeps its address while what it shows moves on (figures as of
    // today): its address is what the item answers with; the snapshot kept its bytes.
    if (e.produced) j.erase("published_on");
    all.push_back(std::move(j));
  }
  return crypto::sha256_hex(all.dump());
}

const KeptItem* Snapshot::find(std::string_view code) const {
  for (const KeptItem& i : items)
    if (i.item->code == code) return &i;
  return nullptr;
}

std::size_t Snapshot::files() const {
  std::set<std::string> seen;
  for (const KeptItem& i : items)
    for (const KeptEvidence& e : i.evidence)
      if (!e.file.sha256.empty()) seen.insert(e.file.sha256);
  return seen.size();
}

Result<std::string> Snapshots::take(const http::Principal& by, int fiscal_year, const std::string& base_url,
                                    calendar::Date today, const RenderPage& render) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto sheet = answers_.sheet(by.agency_id, fiscal_year, base_url, today, Lang::th);
  if (!sheet) return fail(sheet.error());
  auto registry = disclosure_.registry(by.agency_id, fiscal_year, today, Lang::th);
  if (!registry) return fail(registry.error());

  // The pages an assessor opens: the year's, each item's, and Prongsai's own that an item
  // links to, each once, rendered before the transaction (a page reads on its own).
  const std::string year = std::to_string(fiscal_year);
  std::vector<std::string> paths = {"/ita/" + year};
  for (const disclosure::ItemState& state : registry->items) paths.push_back("/ita/" + year + "/" + state.item->code);
  for (const disclosure::ItemState& state : registry->items)
    for (const disclosure::Slot& slot : state.slots)
      for (const disclosure::Evidence& e : slot.entries)
        if (e.produced && e.url.starts_with("/") && std::find(paths.begin(), paths.end(), e.url) == paths.end())
          paths.push_back(e.url);
  std::vector<std::pair<std::string, Served>> pages;
  for (const std::string& path : paths) {
    auto served = render(by.agency_id, base_url, path);
    // The year's and the items' pages are the snapshot; a page of Prongsai's own that no longer
    // answers is left out (the item's evidence still names it).
    if (!served && path.starts_with("/ita/")) return fail(Error::internal("snapshot: " + path + " did not render"));
    if (served) pages.emplace_back(path, std::move(*served));
  }

  std::vector<KeptItem> items;
  for (const disclosure::ItemState& state : registry->items) {
    KeptItem k;
    k.item = state.item;
    k.status = std::string(disclosure::to_string(state.readiness.status));
    if (const AnswerLine* line = sheet->find(state.item->code)) k.answer = line->answer();
    k.evidence = kept_evidence(state);
    k.fingerprint = fingerprint(k.evidence);
    items.push_back(std::move(k));
  }

  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::string> {
    calendar::Date day = calendar::local_date(tx.now());
    const std::string iso = calendar::iso(day);
    std::int64_t before = tx.query_one(kCountOfDay, {by.agency_id, std::int64_t{fiscal_year}, iso})->integer("n");
    const std::string slug = before == 0 ? iso : iso + "-" + std::to_string(before + 1);
    std::size_t file_count = 0;
    for (const KeptItem& k : items)
      for (const KeptEvidence& e : k.evidence) file_count += e.file.sha256.empty() ? 0 : 1;
    json audit{{"fiscal_year", fiscal_year},
               {"slug", slug},
               {"items", items.size()},
               {"pages", pages.size()},
               {"files", file_count}};
    std::int64_t id = tx.apply(store::Change::create(by.agency_id, "ita_snapshot", audit), kInsert,
                               {by.agency_id, std::int64_t{fiscal_year}, slug, iso, tx.now(), by.user_id})
                          .at(0)
                          .integer("id");
    for (const KeptItem& k : items) {
      json evidence = json::array();
      for (const KeptEvidence& e : k.evidence) evidence.push_back(to_json(e));
      tx.also(kInsertItem, {id, by.agency_id, k.item->code, k.status, std::int64_t{k.answer.has ? 1 : 0},
                            urls_text(k.answer), k.answer.explanation, evidence.dump(), k.fingerprint});
    }
    for (const auto& [path, served] : pages) {
      files::Kind kind = page_kind(served);
      files::Ref ref = files::put(tx, by.agency_id, page_name(path, slug, kind.extension), served.body, kind);
      tx.also(kInsertPage, {id, by.agency_id, path, ref.sha256, ref.name, ref.content_type, ref.size});
    }
    return slug;
  });
}

std::vector<Snapshot> Snapshots::read(std::int64_t agency_id, int fiscal_year, const std::string& slug, bool whole) {
  const framework::Framework* f = disclosure_.catalogue().year(fiscal_year);
  std::vector<Snapshot> out;
  store_.read([&](store::ReadTx& tx) {
    for (const store::Row& r : tx.query(kSelect, {agency_id, std::int64_t{fiscal_year}})) {
      if (!slug.empty() && r.text("slug") != slug) continue;
      Snapshot s;
      s.id = r.integer("id");
      s.fiscal_year = fiscal_year;
      s.slug = r.text("slug");
      s.taken_on = calendar::parse_iso(r.text("taken_on")).value_or(calendar::Date{});
      s.taken_at = r.integer("taken_at");
      if (!r.is_null("taken_by"))
        if (auto u = accounts_.user(agency_id, r.integer("taken_by"))) s.taken_by = u->display_name;
      if (whole) {
        std::map<std::string, KeptItem, std::less<>> by_code;
        for (const store::Row& i : tx.query(kSelectItems, {s.id, agency_id})) {
          KeptItem k;
          k.status = i.text("status");
          k.answer = {i.integer("has") != 0, lines_of(i.text("urls")), i.text("explanation")};
          for (const json& e : json::parse(i.text("evidence"))) k.evidence.push_back(evidence_of(e));
          k.fingerprint = i.text("fingerprint");
          by_code.emplace(i.text("item_code"), std::move(k));
        }
        // In the framework's order; an item the framework no longer lists (a later version
        // renamed it) is left out of the reading, never out of the table.
        if (f)
          for (const framework::Item* item : f->items_of(framework::Tool::oit))
            if (auto it = by_code.find(item->code); it != by_code.end()) {
              it->second.item = item;
              s.items.push_back(std::move(it->second));
            }
        for (const store::Row& p : tx.query(kSelectPages, {s.id, agency_id}))
          s.pages.push_back(
              {p.text("path"), p.text("sha256"), p.text("name"), p.text("content_type"), p.integer("size")});
      }
      out.push_back(std::move(s));
      if (!slug.empty()) break;
    }
    return true;
  });
  return out;
}

std::vector<Snapshot> Snapshots::list(std::int64_t agency_id, int fiscal_year) {
  return read(agency_id, fiscal_year, "", false);
}

Result<Snapshot> Snapshots::get(std::int64_t agency_id, int fiscal_year, const std::string& slug) {
  if (slug.empty()) return fail(Error::not_found());
  std::vector<Snapshot> found = read(agency_id, fiscal_year, slug, true);
  if (found.empty()) return fail(Error::not_found());
  return std::move(found.front());
}

std::optional<Snapshot> Snapshots::latest(std::int64_t agency_id, int fiscal_year) {
  std::vector<Snapshot> all = list(agency_id, fiscal_year);
  if (all.empty()) return std::nullopt;
  auto s = get(agency_id, fiscal_year, all.front().slug);
  if (!s) return std::nullopt;
  return std::move(*s);
}

Result<KeptFile> Snapshots::file(std::int64_t agency_id, int fiscal_year, const std::string& slug,
                                 const std::string& sha256) {
  auto s = get(agency_id, fiscal_year, slug);
  if (!s) return fail(s.error());
  std::optional<files::Ref> ref;
  for (const KeptPage& p : s->pages)
    if (p.sha256 == sha256) ref = files::Ref{p.sha256, p.name, p.content_type, p.size};
  for (const KeptItem& k : s->items)
    for (const KeptEvidence& e : k.evidence)
      if (!ref && e.file.sha256 == sha256) ref = e.file;
  if (!ref) return fail(Error::not_found("file"));
  std::optional<std::string> data;
  store_.read([&](store::ReadTx& tx) {
    data = files::get(tx, agency_id, sha256);
    return true;
  });
  if (!data) return fail(Error::not_found("file"));
  return KeptFile{std::move(*ref), std::move(*data)};
}

std::set<std::string> Snapshots::changed_since(const Snapshot& snapshot, std::int64_t agency_id, calendar::Date today) {
  std::set<std::string> out;
  auto registry = disclosure_.registry(agency_id, snapshot.fiscal_year, today, Lang::th);
  if (!registry) return out;
  for (const disclosure::ItemState& state : registry->items) {
    const KeptItem* kept = snapshot.find(state.item->code);
    if (kept && kept->fingerprint != fingerprint(kept_evidence(state))) out.insert(state.item->code);
  }
  return out;
}

}  // namespace prongsai::assessment
