// A module's manifest, and the host it is built and mounted on. Each src/modules/X/module.cpp
// fills one Module; app/ holds the one list and loops over it: migrations, services, routes
// and menu entries, background jobs, the search reindex, the sweep, and what it contributes to
// the hubs (the deadline calendar: web/deadlines.hpp; open data: web/datasets.hpp; the OIT's
// evidence: web/evidence.hpp; real results beside estimates: web/results.hpp; the public
// website: web/website.hpp; the outbox's messengers: web/notify.hpp). Nothing here, and nothing
// in app/ but the list, names a module: a module finds another's service by its type
// (Host::get), made by a module before it in the list (Module::after says which).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "framework/framework.hpp"
#include "http/cookies.hpp"
#include "http/limits.hpp"
#include "http/router.hpp"
#include "store/rate_limit.hpp"
#include "store/store.hpp"
#include "web/datasets.hpp"
#include "web/deadlines.hpp"
#include "web/evidence.hpp"
#include "web/notify.hpp"
#include "web/results.hpp"
#include "web/views.hpp"
#include "web/website.hpp"

namespace prongsai::web {

struct Module;

// What the installation shares with every module, and the services the modules have made.
class Host {
 public:
  Host(store::Store& store, const Clock& clock, framework::Catalogue& catalogue, store::RateLimiter& limiter,
       MemoryLimiter& public_limiter, http::Limits& limits)
      : store_(store),
        clock_(clock),
        catalogue_(catalogue),
        limiter_(limiter),
        public_limiter_(public_limiter),
        limits_(limits) {}
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  store::Store& store() const { return store_; }
  const Clock& clock() const { return clock_; }
  const framework::Catalogue& catalogue() const { return catalogue_; }
  // The catalogue to publish versions into: the framework workshop's alone.
  framework::Catalogue& published_catalogue() const { return catalogue_; }
  store::RateLimiter& limiter() const { return limiter_; }
  // The anonymous routes' limits (a complaint, a question, a request per hour): in memory only.
  MemoryLimiter& public_limiter() const { return public_limiter_; }
  http::Limits& limits() const { return limits_; }
  // Set before the modules mount.
  http::Router& router() const { return *router_; }
  Pages& pages() const { return *pages_; }
  void set_web(http::Router& router, Pages& pages) {
    router_ = &router;
    pages_ = &pages;
  }
  // The modules of the installation, in list order: what a hub reads their contributions from.
  const std::vector<const Module*>& modules() const { return modules_; }
  void set_modules(std::vector<const Module*> modules) { modules_ = std::move(modules); }

  // A service or setting, made once (by a module's build, or by the app for its own settings).
  template <class T, class... Args>
  T& make(Args&&... args) {
    auto held = std::make_shared<T>(std::forward<Args>(args)...);
    T& ref = *held;
    if (!held_.emplace(std::type_index(typeid(T)), std::move(held)).second)
      throw std::logic_error(std::string("web::Host: made twice: ") + typeid(T).name());
    return ref;
  }
  template <class T>
  T& get() const {
    if (T* t = find<T>()) return *t;
    throw std::logic_error(std::string("web::Host: nothing made of ") + typeid(T).name() +
                           " (is the module that makes it before this one in the list?)");
  }
  template <class T>
  T* find() const {
    auto it = held_.find(std::type_index(typeid(T)));
    return it == held_.end() ? nullptr : static_cast<T*>(it->second.get());
  }

 private:
  store::Store& store_;
  const Clock& clock_;
  framework::Catalogue& catalogue_;
  store::RateLimiter& limiter_;
  MemoryLimiter& public_limiter_;
  http::Limits& limits_;
  http::Router* router_ = nullptr;
  Pages* pages_ = nullptr;
  std::vector<const Module*> modules_;
  std::unordered_map<std::type_index, std::shared_ptr<void>> held_;
};

// What the installation was started with that modules read.
struct Settings {
  std::size_t max_upload_bytes = 20 << 20;           // one uploaded file: evidence, news images
  std::string public_url;                            // "https://www.namom.go.th": links in e-mail
  http::CookieOptions cookies;                       // Secure "__Host-" cookies when served over HTTPS
  std::string line_api_url = "https://api.line.me";  // the LINE Messaging API (tests: a loopback server)
};

// Who is asking: the agencies and their sessions. The module that keeps them makes one; the
// HTTP edge and the page shell read it.
struct Identity {
  std::function<std::int64_t(std::string_view host)> agency_for_host;
  std::function<std::optional<std::int64_t>(std::string_view host)> known_agency_for_host;
  std::function<std::optional<http::Principal>(std::string_view token, std::int64_t agency_id)> resolve_session;
  std::function<std::string(std::int64_t agency_id)> agency_name;
};

// Background work. With `due`, once per installation through the jobs table (store/jobs.hpp),
// whichever node claims it: `due` says when it is next due after a run starting at `now`, or
// nullopt when it is not to run now at all (e-mail off). Without, on every node at each tick.
struct Job {
  std::string name;
  std::function<std::optional<std::int64_t>(Host&, std::int64_t now)> due;
  std::int64_t lease_seconds = 600;
  std::function<void(Host&)> run;
};

// What can no longer be used, deleted by the hourly sweep: the number deleted, said under `what`.
struct Sweep {
  std::string what;
  std::function<std::int64_t(Host&)> run;
};

struct Module {
  std::string name;  // its folder under src/modules
  // Modules that must come before it in the list: those whose tables its migrations refer to or
  // whose services its build uses (its mount may use any module's, all being built by then).
  std::vector<std::string> after;
  bool migrations = false;           // it has src/modules/<name>/migrations
  std::function<void(Host&)> build;  // makes its services (Host::make)
  std::function<void(Host&)> mount;  // routes and menu entries
  std::vector<Job> jobs;
  std::vector<Sweep> sweeps;  // in list order: a module's sweep may follow another's
  // Writes its search entries again (an index written by an older version, at start).
  std::function<void(store::WriteTx&, Host&)> reindex;
  // Its sources of deadlines for the calendar, each with its own staff pages (web/deadlines.hpp).
  std::vector<DeadlineSource> deadlines;
  // The tables it publishes as open data (web/datasets.hpp).
  std::vector<Dataset> datasets;
  // The OIT items its pages answer, by role (web/evidence.hpp).
  std::vector<EvidenceSource> evidence;
  // What it says about an item's evidence on the registry's staff page (web/evidence.hpp).
  EvidenceNotesOf evidence_notes;
  // The real results of assessments it records, to set beside Prongsai's estimates
  // (web/results.hpp); empty: none.
  ResultSource recorded_results;
  // What it gives the public website (web/website.hpp): links in the public menu, pages in the
  // site map, blocks of the home page, what it keeps about people, its cookies.
  std::vector<PublicLink> public_links;
  std::vector<SitemapSource> sitemap;
  std::vector<HomeBlock> home;
  // What it keeps about people, and the cookies it sets: the privacy and cookie notices.
  std::vector<PersonalData> personal_data;
  std::vector<CookieUse> cookies;
  RightsForm rights_form;  // where a person uses their rights over their data; empty: none
  // The ways it sends the outbox's messages (web/notify.hpp): e-mail, LINE.
  std::vector<Messenger> messengers;
};

}  // namespace prongsai::web
