// The audit log's hash chain, shared by the write path (append) and `prongsai audit verify`.
//
// Each agency has its own chain (agency 0 is the installation's). Entry n of a chain stores
//   hash_n = SHA-256( hash_{n-1} || "\n" || canonical JSON of the entry's fields )
// with hash_0 = 64 zeros. Editing an entry breaks its own hash; deleting one breaks the link
// of the next (its prev_hash no longer matches); the last entry's hash is also kept in
// audit_heads so that deleting the tail shows. An attacker who can rewrite the whole file can
// rewrite the whole chain: `prongsai audit head` prints the head to note down elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace prongsai::store {

inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::int64_t seq = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_user_id;
  std::string actor;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::string before_json;  // "null" when absent
  std::string after_json;
  std::string prev_hash;
  std::string hash;
};

// The hash an entry must carry, from its fields and prev_hash.
std::string audit_hash(const AuditEntry& e);

}  // namespace prongsai::store
