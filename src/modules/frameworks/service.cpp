// See frameworks.hpp.
#include <spdlog/spdlog.h>

#include <mutex>

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

std::mutex install_mutex;  // one loader at a time per process (start, refresh, publish)

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

int Service::refresh() { return install_from(loaded_up_to_); }

Result<VersionInfo> Service::publish(const store::Actor& by, std::string_view document, std::string_view source,
                                     const std::string& note) {
  if (document.size() > kMaxDocumentBytes)
    return fail(Error::make(ErrorKind::too_large, "error.framework_file", std::string(source) + ": over 4 MB"));
  if (!text::is_valid_utf8(document))
    return fail(Error::make(ErrorKind::invalid, "error.framework_file", std::string(source) + ": not UTF-8"));
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
        .integer(0);
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
