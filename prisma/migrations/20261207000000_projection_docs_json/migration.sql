-- Every projection table's `doc` becomes `json` instead of `jsonb`, as deals.summary (20261125) and
-- deal_revisions.doc already are: a doc is never searched or indexed in SQL, only read whole, and
-- PostgreSQL sends a jsonb value by converting it back to text on every read and parses it into its
-- binary form on every write. Measured on the rebuttals of a 200,000-event ledger (67,463 docs,
-- 51 MB, PostgreSQL 15): sending every doc took 265 / 170 ms as json against 598 / 611 ms as jsonb,
-- and COPYing them in 734 / 703 ms against 958 / 902 ms.
-- The values are unchanged (a json doc is kept as the text it was written as: jsonb's text for the
-- rows already here and for the append path, which writes through jsonb_to_recordset, JSON.stringify's
-- for a rebuild's COPY), so PROJECTION_VERSION stays; the rebuild's checksums compare json as jsonb.
-- Each ALTER rewrites its table once.
ALTER TABLE sources ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE companies ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE deals ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE claims ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE rebuttals ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE people ALTER COLUMN doc TYPE json USING doc::json;
ALTER TABLE talent_moves ALTER COLUMN doc TYPE json USING doc::json;
