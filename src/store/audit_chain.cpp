// Canonical form of an audit entry for hashing. The field order is part of the format: change
// it and every stored chain stops verifying.
#include "store/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace prongsai::store {

std::string audit_hash(const AuditEntry& e) {
  nlohmann::json fields = nlohmann::json::array(
      {e.agency_id, e.seq, e.at, e.actor_user_id ? nlohmann::json(*e.actor_user_id) : nlohmann::json(nullptr), e.actor,
       e.action, e.entity, e.entity_id, e.before_json, e.after_json});
  return crypto::sha256_hex(e.prev_hash + "\n" + fields.dump());
}

}  // namespace prongsai::store
