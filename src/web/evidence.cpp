#include "web/evidence.hpp"

#include "web/module.hpp"

namespace prongsai::web {

std::vector<ProducedEvidence> produce_evidence(Host& host, std::string_view role, const EvidenceQuery& q) {
  std::vector<ProducedEvidence> out;
  for (const Module* m : host.modules()) {
    for (const EvidenceSource& source : m->evidence) {
      if (source.role != role) continue;
      std::vector<ProducedEvidence> some = source.produce(host, q);
      out.insert(out.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
  }
  return out;
}

}  // namespace prongsai::web
