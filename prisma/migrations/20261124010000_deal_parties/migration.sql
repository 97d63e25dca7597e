-- Which companies are party to which deal row version, by ledger position. An as-of read of a
-- company's deals scans (company_id, valid_from <= position) in this index, and fetches from
-- deals only the versions visible at that position. The GIN index on deals.party_ids finds every
-- version of every deal of the company, each of which had to be fetched to be filtered by position:
-- about 3,800 heap pages for a company with 1,100 deals on a 1,000,000-event ledger, where the
-- visible versions are 300 (at position 100,000) to 1,100 (at the head).
-- Derived from deals by statement-level triggers, so every writer (an append, a rebuild) keeps it.
CREATE TABLE deal_parties (
  company_id text   NOT NULL,
  valid_from bigint NOT NULL,
  deal_id    text   NOT NULL,
  valid_to   bigint,
  PRIMARY KEY (company_id, valid_from, deal_id) INCLUDE (valid_to)
);

-- Refills the table from deals in one statement: here, and at the end of a projection rebuild,
-- which inserts its deal rows with the insert trigger disabled (row by row maintenance of the
-- index cost the rebuild a sixth of its time).
CREATE FUNCTION deal_parties_refill() RETURNS void LANGUAGE sql AS $$
  TRUNCATE deal_parties;
  INSERT INTO deal_parties (company_id, valid_from, deal_id, valid_to)
  SELECT DISTINCT party, valid_from, id, valid_to FROM deals, unnest(party_ids) AS party;
$$;

SELECT deal_parties_refill();

CREATE FUNCTION deal_parties_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deal_parties (company_id, valid_from, deal_id, valid_to)
  SELECT DISTINCT party, inserted.valid_from, inserted.id, inserted.valid_to FROM inserted, unnest(inserted.party_ids) AS party;
  RETURN NULL;
END $$;

CREATE FUNCTION deal_parties_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM deal_parties AS link USING old_rows, unnest(old_rows.party_ids) AS party
   WHERE link.company_id = party AND link.valid_from = old_rows.valid_from AND link.deal_id = old_rows.id;
  RETURN NULL;
END $$;

CREATE FUNCTION deal_parties_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE deal_parties;
  RETURN NULL;
END $$;

CREATE TRIGGER deal_parties_insert AFTER INSERT ON deals
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION deal_parties_after_insert();
-- An update removes the old versions' links, then adds the new ones (triggers on one event fire in
-- the order of their names).
CREATE TRIGGER deal_parties_update_1_remove AFTER UPDATE ON deals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_parties_after_delete();
CREATE TRIGGER deal_parties_update_2_add AFTER UPDATE ON deals
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION deal_parties_after_insert();
CREATE TRIGGER deal_parties_delete AFTER DELETE ON deals
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION deal_parties_after_delete();
CREATE TRIGGER deal_parties_truncate AFTER TRUNCATE ON deals
  FOR EACH STATEMENT EXECUTE FUNCTION deal_parties_after_truncate();

-- Statistics now, not at the next autovacuum: the planner otherwise guesses a thousand rows per company.
ANALYZE deal_parties;
