-- A deal's term revisions and citations stored once instead of in every version of the deal.
-- Each deal event adds a row here: the revisions it gave each term (new keys in the row's order) and
-- the citations it added to the deal. A deal row version's doc keeps only its header (the row without
-- terms and citations); readers fold the deal's rows here up to the version's position, in order.
-- Stored whole, every version of a deal repeated its whole history of revisions with their citations:
-- 4.2 KB of JSON per version on a 200,000-event ledger, growing with each amendment.
-- `doc` is json (kept as the text it was written as), like deals.summary: never searched in SQL,
-- only read back and parsed by the API.
-- The docs of the rows already in deals still hold their terms (readers use such a doc as it is);
-- PROJECTION_VERSION 5 rebuilds them into the new shape on the next start.
CREATE TABLE deal_revisions (
  deal_id  text   NOT NULL,
  position bigint NOT NULL,
  doc      json   NOT NULL,
  PRIMARY KEY (deal_id, position)
);
