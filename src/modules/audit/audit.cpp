// Verification: recompute each entry's hash from its fields and its predecessor's hash.
//  - an edited entry no longer matches its own hash;
//  - a deleted entry leaves a gap in seq and a prev_hash that matches nothing;
//  - a deleted tail leaves audit_heads pointing past the last entry.
#include "modules/audit/audit.hpp"

#include <nlohmann/json.hpp>

#include "core/thai_calendar.hpp"

namespace prongsai::audit {
namespace {

constexpr std::string_view kSelectChains = "SELECT DISTINCT agency_id FROM audit_log ORDER BY agency_id";
constexpr std::string_view kSelectHead = "SELECT seq, hash FROM audit_heads WHERE agency_id = ?";
constexpr std::string_view kSelectHeads = "SELECT agency_id, seq, hash FROM audit_heads ORDER BY agency_id";
constexpr std::string_view kSelectChain =
    "SELECT id, agency_id, seq, at, actor_user_id, actor, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash "
    "FROM audit_log WHERE agency_id = ? ORDER BY seq";
constexpr std::string_view kSelectRecent =
    "SELECT id, agency_id, seq, at, actor_user_id, actor, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash "
    "FROM audit_log WHERE agency_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?";

store::AuditEntry entry_from(const store::Row& r) {
  return store::AuditEntry{r.integer("id"),
                           r.integer("agency_id"),
                           r.integer("seq"),
                           r.integer("at"),
                           r.opt_integer("actor_user_id"),
                           r.text("actor"),
                           r.text("action"),
                           r.text("entity"),
                           r.text("entity_id"),
                           r.text("before_json"),
                           r.text("after_json"),
                           r.text("prev_hash"),
                           r.text("hash")};
}

}  // namespace

// Each chain is read a row at a time (ReadTx::each): a national host's agency may have
// millions of entries, and memory stays the same for any number of them.
Verification verify(store::Store& store, std::optional<std::int64_t> only) {
  return store.read([&](store::ReadTx& tx) {
    Verification v;
    std::vector<std::int64_t> chains;
    for (const auto& r : tx.query(kSelectChains)) chains.push_back(r.integer("agency_id"));
    for (const auto& h : tx.query(kSelectHeads)) {  // a chain whose every entry was deleted
      if (std::find(chains.begin(), chains.end(), h.integer("agency_id")) == chains.end())
        chains.push_back(h.integer("agency_id"));
    }
    auto broken = [&](const store::AuditEntry& e, std::string kind, std::string why) {
      v.ok = false;
      v.kind = std::move(kind);
      v.broken_id = e.id;
      v.broken_agency = e.agency_id;
      v.broken_seq = e.seq;
      v.reason = std::move(why);
    };
    for (std::int64_t agency : chains) {
      if (only && agency != *only) continue;
      ++v.chains;
      std::string prev(store::kGenesisHash);
      std::int64_t expected_seq = 1;
      tx.each(kSelectChain, {agency}, [&](const store::Row& row) {
        if (!v.ok) return;  // the rest of the chain after its first break is read, not checked
        store::AuditEntry e = entry_from(row);
        ++v.entries;
        if (e.seq != expected_seq)
          return broken(e, "missing",
                        "seq " + std::to_string(e.seq) + " follows " + std::to_string(expected_seq - 1) +
                            ": entries are missing");
        if (e.prev_hash != prev) return broken(e, "link", "prev_hash does not match the entry before it");
        if (store::audit_hash(e) != e.hash) return broken(e, "hash", "the entry's content does not match its hash");
        prev = std::move(e.hash);
        ++expected_seq;
      });
      if (!v.ok) return v;
      auto head = tx.query_one(kSelectHead, {agency});
      if (!head || head->integer("seq") != expected_seq - 1 || head->text("hash") != prev) {
        v.ok = false;
        v.broken_id = 0;
        v.broken_agency = agency;
        v.broken_seq = expected_seq;
        v.kind = "tail";
        v.reason = "the chain ends before its recorded head: its last entries were deleted";
        return v;
      }
    }
    return v;
  });
}

std::vector<Head> heads(store::Store& store) {
  return store.read([](store::ReadTx& tx) {
    std::vector<Head> out;
    for (const auto& r : tx.query(kSelectHeads))
      out.push_back(Head{r.integer("agency_id"), r.integer("seq"), r.text("hash")});
    return out;
  });
}

std::vector<store::AuditEntry> recent(store::Store& store, std::int64_t agency_id, std::int64_t limit,
                                      std::int64_t before_seq) {
  return store.read([&](store::ReadTx& tx) {
    std::vector<store::AuditEntry> out;
    for (const auto& r : tx.query(kSelectRecent, {agency_id, before_seq, limit})) out.push_back(entry_from(r));
    return out;
  });
}

void mount(http::Router& router, web::Pages& pages, store::Store& store) {
  http::Access admin = http::Access::roles({http::Role::admin});
  auto page = [&pages, &store](http::Request& req) {
    std::int64_t before = INT64_MAX;
    if (auto b = req.query_param("before")) {
      try {
        before = std::stoll(*b);
      } catch (const std::exception&) {
        return pages.error(req, Error::make(ErrorKind::bad_request, "error.bad_request"));
      }
    }
    constexpr std::int64_t kPageSize = 50;
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t last_seq = 0;
    for (const store::AuditEntry& e : recent(store, req.agency_id, kPageSize, before)) {
      rows.push_back({{"seq", std::to_string(e.seq)},
                      {"at", calendar::format_time(e.at, req.lang)},
                      {"actor", e.actor},
                      {"action", e.action},
                      {"entity", e.entity},
                      {"entity_id", e.entity_id},
                      {"before", e.before_json == "null" ? "" : e.before_json},
                      {"after", e.after_json == "null" ? "" : e.after_json}});
      last_seq = e.seq;
    }
    nlohmann::json data = {{"title", std::string(pages.t(req, "audit.title"))},
                           {"entries", rows},
                           {"more", rows.size() == kPageSize ? std::to_string(last_seq) : ""}};
    if (req.query_param("verify")) {
      Verification v = verify(store, req.agency_id);
      data["verified"] = {{"ok", v.ok},
                          {"entries", std::to_string(v.entries)},
                          {"seq", v.broken_seq ? std::to_string(*v.broken_seq) : ""},
                          {"reason", v.ok ? "" : std::string(pages.t(req, "audit.reason." + v.kind))}};
    }
    return pages.page(req, "audit/log", std::move(data));
  };
  // Verifying reads and hashes the agency's whole chain: off the I/O threads.
  router.add(http::Route(http::Method::get, "/admin/audit", admin, page).on(http::Work::worker_pool));
  pages.add_menu({"menu.audit", "/admin/audit", admin, "settings"});
}

}  // namespace prongsai::audit
