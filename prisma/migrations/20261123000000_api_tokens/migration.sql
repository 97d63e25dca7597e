-- Access tokens (issue 3). A token is shown once when created and only its SHA-256 hash (hex) is kept.
-- Names are never reused, even after revocation: every event's recorded_by is a token's name, so a name
-- must keep meaning one principal for the life of the ledger.
CREATE TABLE api_tokens (
  name       text           PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  role       text           NOT NULL CHECK (role IN ('reader', 'journalist', 'auditor', 'admin')),
  hash       text           NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3)
);
-- "Is any token live?" decides between open and enforced access on every request (cached briefly).
CREATE INDEX api_tokens_live_idx ON api_tokens (created_at) WHERE revoked_at IS NULL;
