// See frameworks.hpp.
#include <spdlog/spdlog.h>

#include <mutex>
#include <set>

#include "core/thai_calendar.hpp"

#include "core/text.hpp"
#include "modules/frameworks/frameworks.hpp"

namespace prongsai::frameworks {
namespace {

constexpr std::string_view kSelectPublishedAfter =
    "SELECT id, year, version, document FROM framework_versions WHERE status = 'published' AND id > ? "
    "ORDER BY year, version";
constexpr std::string_view kSelectVersions =
    "SELECT year, version, note, created_by, published_at FROM framework_versions "
    "WHERE year = ? AND status = 'published' ORDER BY version DESC";
constexpr std::string_view kSelectLastVersion = "SELECT max(version) AS last FROM framework_versions WHERE year = ?";
constexpr std::string_view kInsertVersion =
    "INSERT INTO framework_versions (year, version, status, document, note, created_by, created_at, published_at) "
    "VALUES (?, ?, 'published', ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kSelectDraft =
    "SELECT year, based_on, document, updated_by, updated_at FROM framework_drafts WHERE year = ?";
constexpr std::string_view kSelectDraftYears = "SELECT year FROM framework_drafts ORDER BY year";
constexpr std::string_view kInsertDraft =
    "INSERT INTO framework_drafts (year, based_on, document, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateDraft =
    "UPDATE framework_drafts SET document = ?, updated_by = ?, updated_at = ? WHERE year = ?";
constexpr std::string_view kDeleteDraft = "DELETE FROM framework_drafts WHERE year = ?";

std::mutex install_mutex;  // one loader at a time per process (start, refresh, publish)

// How alike two titles are: the Dice coefficient of their code-point bigrams, spaces left out
// (Thai titles differ by a word or two between years: "คู่มือหรือมาตรฐานการให้บริการ" became
// "คู่มือหรือแนวทางการขอรับบริการ…").
double likeness(std::string_view a, std::string_view b) {
  auto bigrams = [](std::string_view s) {
    std::u32string cps;
    for (char32_t c : text::to_code_points(s))
      if (c != U' ') cps.push_back(c);
    std::multiset<std::u32string> out;
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) out.insert(cps.substr(i, 2));
    return out;
  };
  auto x = bigrams(a), y = bigrams(b);
  if (x.empty() || y.empty()) return a == b ? 1 : 0;
  const std::size_t total = x.size() + y.size();  // before y gives up the shared ones
  std::size_t shared = 0;
  for (auto it = x.begin(); it != x.end(); ++it) {
    auto found = y.find(*it);
    if (found != y.end()) {
      ++shared;
      y.erase(found);
    }
  }
  return 2.0 * static_cast<double>(shared) / static_cast<double>(total);
}

std::string title_of(const nlohmann::json& item) {
  return item.value("tool", "") == "OIT" ? item.value("name_th", "") : item.value("question_th", "");
}

}  // namespace

int Service::install_from(std::int64_t after_id) {
  std::lock_guard lock(install_mutex);
  auto rows = store_.read(
      [&](store::ReadTx& tx) { return tx.query(kSelectPublishedAfter, {std::max(after_id, loaded_up_to_)}); });
  int installed = 0;
  for (const store::Row& r : rows) {
    std::int64_t id = r.integer("id");
    loaded_up_to_ = std::max(loaded_up_to_, id);
    int year = static_cast<int>(r.integer("year")), version = static_cast<int>(r.integer("version"));
    if (catalogue_.version(year, version)) continue;  // published here, installed already
    std::string source = "framework_versions " + std::to_string(year) + " v" + std::to_string(version);
    auto f = framework::parse(r.text("document"), source);
    if (f) {
      f->version = version;
      if (auto done = catalogue_.install(std::move(*f)); !done) f = fail(done.error());
    }
    if (!f) {
      spdlog::warn("ITA framework {} version {} not loaded: {}", year, version, f.error().detail);
      continue;
    }
    spdlog::info("ITA framework {} version {} in force", year, version);
    ++installed;
  }
  return installed;
}

void Service::load() { install_from(0); }

nlohmann::json suggest_crosswalk(const framework::Framework& from, const nlohmann::json& items) {
  nlohmann::json map = nlohmann::json::object();
  for (const framework::Item& old : from.items) {
    std::string title(old.title_th());
    std::optional<std::string> best;
    double best_score = 0.6;  // below this, no successor is suggested
    for (const nlohmann::json& it : items) {
      if (it.value("tool", "") != std::string(framework::to_string(old.tool))) continue;
      std::string code = it.value("code", "");
      double score = likeness(title, title_of(it)) + (code == old.code ? 0.05 : 0);
      if (score > best_score) {
        best_score = score;
        best = code;
      }
    }
    map[old.code] = best ? nlohmann::json(*best) : nlohmann::json(nullptr);
  }
  return map;
}

Result<void> Service::start_draft(const store::Actor& by, int year, int from_year) {
  const framework::Framework* from = catalogue_.year(from_year);
  if (!from) return fail(Error::no_framework(from_year));
  if (year < from_year || year > from_year + 1) return fail(Error::invalid_field("year", "framework.draft_year"));
  nlohmann::json doc = nlohmann::json::parse(framework::to_json(*from));
  if (year != from_year) {
    auto next_year = [&](std::string text) {
      for (auto at = text.find(std::to_string(from_year)); at != std::string::npos;
           at = text.find(std::to_string(from_year), at + 4))
        text.replace(at, 4, std::to_string(year));
      return text;
    };
    doc["year"] = year;
    doc["title_th"] = next_year(doc.value("title_th", ""));
    if (doc.contains("title_en")) doc["title_en"] = next_year(doc["title_en"].get<std::string>());
    doc["provisional"] = true;
    doc["provisional_note"] = "ร่าง — รอคู่มือ ITA " + std::to_string(year) + " ของ ป.ป.ช.";
    doc["note"] = "เริ่มจากเกณฑ์ปี " + std::to_string(from_year) + " (" + std::to_string(from->version) + ")";
    if (from->oit_collection) {
      auto shift = [](calendar::Date d) {  // the same day a year on (28 February for the 29th)
        std::chrono::year_month_day next{d.year() + std::chrono::years(1), d.month(), d.day()};
        if (!next.ok()) next = {next.year(), next.month(), std::chrono::day(28)};
        return calendar::iso(next);
      };
      doc["assessment"]["oit_opens"] = shift(from->oit_collection->opens);
      doc["assessment"]["oit_closes"] = shift(from->oit_collection->closes);
      if (const auto& w = from->oit_collection->clarification) {
        doc["assessment"]["clarification_opens"] = shift(w->first);
        doc["assessment"]["clarification_closes"] = shift(w->last);
      }
      doc["assessment"]["verified"] = false;
    }
    for (auto& item : doc["items"]) item["verified"] = false;
    doc["crosswalk"] = {{"from_year", from_year},
                        {"verified", false},
                        {"note", "suggested from the titles; confirm each line"},
                        {"map", suggest_crosswalk(*from, doc["items"])}};
  }
  std::string based_on = std::to_string(from_year) + " v" + std::to_string(from->version);
  auto r = store_.write(by, [&](store::WriteTx& tx) -> Result<void> {
    if (tx.query_one(kSelectDraft, {std::int64_t{year}}))
      return fail(Error::make(ErrorKind::conflict, "framework.draft_exists", "a draft of this year exists"));
    tx.apply(store::Change::create(0, "framework_draft", {{"year", year}, {"based_on", based_on}}), kInsertDraft,
             {std::int64_t{year}, based_on, doc.dump(), by.label, tx.now()});
    return ok();
  });
  return r;
}

std::optional<Draft> Service::draft(int year) {
  auto row = store_.read([&](store::ReadTx& tx) { return tx.query_one(kSelectDraft, {std::int64_t{year}}); });
  if (!row) return std::nullopt;
  Draft d{year,
          row->text("based_on"),
          row->text("updated_by"),
          row->integer("updated_at"),
          nlohmann::json::parse(row->text("document"), nullptr, false),
          std::nullopt};
  std::string text = d.document.dump();
  auto f = framework::parse(text, "ita/" + std::to_string(year) + ".json");
  if (!f) d.problem = f.error().shown;
  return d;
}

std::vector<int> Service::draft_years() {
  std::vector<int> out;
  store_.read([&](store::ReadTx& tx) {
    for (const store::Row& r : tx.query(kSelectDraftYears)) out.push_back(static_cast<int>(r.integer("year")));
    return 0;
  });
  return out;
}

Result<void> Service::save_draft(const store::Actor& by, int year, const nlohmann::json& document) {
  std::string text = document.dump();
  if (text.size() > kMaxDocumentBytes)
    return fail(Error::said(ErrorKind::too_large, "error.framework_file", "draft over 4 MB"));
  return store_.write(by, [&](store::WriteTx& tx) -> Result<void> {
    auto rows = tx.apply(store::Change{0, "framework_draft", std::to_string(year), "update", nullptr, nullptr},
                         std::string(kUpdateDraft) + " RETURNING year", {text, by.label, tx.now(), std::int64_t{year}});
    if (rows.empty()) return fail(Error::not_found("draft"));
    return ok();
  });
}

Result<VersionInfo> Service::publish_draft(const store::Actor& by, int year, const std::string& note) {
  auto d = draft(year);
  if (!d) return fail(Error::not_found("draft"));
  auto v = publish(by, d->document.dump(2), "ita/" + std::to_string(year) + ".json", note);
  if (!v) return fail(v.error());
  if (auto gone = discard_draft(by, year); !gone)
    spdlog::warn("draft {} kept after publishing: {}", year, gone.error().detail);
  return v;
}

Result<void> Service::discard_draft(const store::Actor& by, int year) {
  return store_.write(by, [&](store::WriteTx& tx) -> Result<void> {
    auto rows = tx.apply(store::Change{0, "framework_draft", std::to_string(year), "delete", nullptr, nullptr},
                         std::string(kDeleteDraft) + " RETURNING year", {std::int64_t{year}});
    if (rows.empty()) return fail(Error::not_found("draft"));
    return ok();
  });
}

int Service::refresh() { return install_from(0); }  // from the last row installed (read under the lock)

Result<VersionInfo> Service::publish(const store::Actor& by, std::string_view document, std::string_view source,
                                     const std::string& note) {
  if (document.size() > kMaxDocumentBytes)
    return fail(Error::said(ErrorKind::too_large, "error.framework_file", std::string(source) + ": over 4 MB"));
  if (!text::is_valid_utf8(document))
    return fail(Error::said(ErrorKind::invalid, "error.framework_file", std::string(source) + ": not UTF-8"));
  auto f = framework::parse(document, source);
  if (!f) return fail(f.error());
  // The checks installing makes, before anything is stored: a trial catalogue of what is in
  // force around the year.
  std::vector<framework::Framework> around;
  for (int y : {f->year - 1, f->year + 1}) {
    if (const framework::Framework* other = catalogue_.year(y)) around.push_back(*other);
  }
  auto trial = framework::Catalogue::from_frameworks(std::move(around));
  if (!trial) return fail(trial.error());
  if (auto checked = trial->install(*f); !checked) return fail(checked.error());

  const int year = f->year;
  const std::int64_t now = store_.clock().now();
  VersionInfo info{year, 0, note, by.label, now};
  auto id = store_.write(by, [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto last = tx.query_one(kSelectLastVersion, {std::int64_t{year}});
    info.version = static_cast<int>((last ? last->opt_integer("last").value_or(0) : 0) + 1);
    return tx
        .apply(
            store::Change::create(0, "framework_version", {{"year", year}, {"version", info.version}, {"note", note}}),
            kInsertVersion,
            {std::int64_t{year}, std::int64_t{info.version}, std::string(document), note, by.label, now, now})
        .at(0)
        .integer("id");
  });
  if (!id) return fail(id.error());
  install_from(*id - 1);
  return info;
}

Result<std::string> Service::export_year(int year, std::optional<int> version) const {
  const framework::Framework* f = version ? catalogue_.version(year, *version) : catalogue_.year(year);
  if (!f) return fail(version ? Error::not_found("framework version") : Error::no_framework(year));
  return framework::to_json(*f);
}

std::vector<VersionInfo> Service::versions(int year) {
  std::vector<VersionInfo> out;
  store_.read([&](store::ReadTx& tx) {
    for (const store::Row& r : tx.query(kSelectVersions, {std::int64_t{year}}))
      out.push_back({static_cast<int>(r.integer("year")), static_cast<int>(r.integer("version")), r.text("note"),
                     r.text("created_by"), r.opt_integer("published_at").value_or(0)});
    return 0;
  });
  return out;
}

}  // namespace prongsai::frameworks
