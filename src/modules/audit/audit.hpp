// The audit log's reader: verifying the hash chains and listing entries for the admin.
// The chain is written by the store's one write path (store/store.cpp, WriteTx::record).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "store/audit_chain.hpp"
#include "store/store.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::audit {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

struct Verification {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t chains = 0;
  // The first broken entry: its row id (0 when the break is a missing tail) and why.
  std::optional<std::int64_t> broken_id;
  std::optional<std::int64_t> broken_agency;
  std::optional<std::int64_t> broken_seq;
  // What is wrong there: "missing" (entries before it deleted), "link" (the entry before it
  // replaced), "hash" (its content edited), "tail" (the last entries deleted); the admin page
  // says it in the reader's language. `reason` says the same in English, for the command line.
  std::string kind;
  std::string reason;
};

// Walks every chain (or one agency's) from its first entry; stops at the first break.
Verification verify(store::Store& store, std::optional<std::int64_t> agency_id = std::nullopt);

struct Head {
  std::int64_t agency_id = 0;
  std::int64_t seq = 0;
  std::string hash;
};

// The last entry of every chain: note these down outside the system (print, e-mail) so that a
// rewrite of the whole file shows too.
std::vector<Head> heads(store::Store& store);

std::vector<store::AuditEntry> recent(store::Store& store, std::int64_t agency_id, std::int64_t limit,
                                      std::int64_t before_seq);

void mount(http::Router& router, web::Pages& pages, store::Store& store);

}  // namespace prongsai::audit
