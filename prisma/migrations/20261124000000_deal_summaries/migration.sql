-- A deal row version's list shape (DealSummaryRow): the row without its terms' values and
-- citations, keeping the starts_on/ends_on terms its status depends on. A company's deals are read
-- from it when the query asks for nothing more. Rows written before this column existed hold NULL
-- until the rebuild that PROJECTION_VERSION 3 triggers on the next start; readers fall back to `doc`
-- (a superset) for them.
ALTER TABLE deals ADD COLUMN summary jsonb;
