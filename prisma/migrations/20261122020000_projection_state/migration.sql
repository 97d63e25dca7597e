-- Which shape of the projection rows the tables hold. When the read models change (a new field in
-- a row's doc, a new typed column), the code's PROJECTION_VERSION moves on and the next start
-- rebuilds every projection from the events, as Marten does with projection versions.
CREATE TABLE projection_state (
  id        smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version   integer  NOT NULL DEFAULT 0,
  rebuilt_at timestamptz(3)
);
INSERT INTO projection_state (id, version) VALUES (1, 0);
