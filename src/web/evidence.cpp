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

std::vector<EvidenceNote> evidence_notes(Host& host, std::int64_t agency_id, int fiscal_year, const std::string& code,
                                         Lang lang) {
  std::vector<EvidenceNote> out;
  for (const Module* m : host.modules()) {
    if (!m->evidence_notes) continue;
    std::vector<EvidenceNote> some = m->evidence_notes(host, agency_id, fiscal_year, code, lang);
    out.insert(out.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
  }
  return out;
}

}  // namespace prongsai::web
