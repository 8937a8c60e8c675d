-- A purchase's documents from the agency's document library (library_documents): its
-- announcements, the winner announcement, each with what it is to the purchase. linked_at is
-- when the officer first put it with the purchase (kept through later saves).
CREATE TABLE procurement_documents (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  project_id   BIGINT NOT NULL REFERENCES procurement_projects (id),
  ordinal      BIGINT NOT NULL,
  document_id  BIGINT NOT NULL,   -- library_documents.id
  role         TEXT NOT NULL,     -- invitation | reference_price | winner | cancellation | other
  linked_at    BIGINT NOT NULL
);
CREATE INDEX procurement_documents_project ON procurement_documents (project_id);
CREATE INDEX procurement_documents_document ON procurement_documents (agency_id, document_id);
