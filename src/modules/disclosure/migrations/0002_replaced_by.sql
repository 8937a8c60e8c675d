-- Evidence replaced by a newer version (a corrected scan, an updated link) points at it; the
-- old row stays, removed, so the item's history shows what was published when.
ALTER TABLE oit_evidence ADD COLUMN replaced_by BIGINT;
