-- The ledger core: the event store (append-only, hash-chained, gap-free commit-ordered positions)
-- and the inline projections, versioned by ledger position so any past state is one indexed query.
-- Written by hand (Prisma 7's CLI cannot migrate offline; see README "Migrations"); keep
-- prisma/schema.prisma in step with it.

-- ---------------------------------------------------------------- the head of the ledger
-- One row. Appends lock it last and hold the lock to commit, so positions are dense and in
-- commit order, and recorded_at never goes backwards.
CREATE TABLE ledger_head (
  id           smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  position     bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
  hash         text,
  recorded_at  timestamptz(3)
);
INSERT INTO ledger_head (id) VALUES (1);

-- ---------------------------------------------------------------- streams
-- One row per entity id (ids are unique across kinds); `version` is the stream's version,
-- the optimistic-concurrency token. People have a row (reserving the id) but no events.
CREATE TABLE streams (
  id                text     PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]*$' AND length(id) <= 100),
  kind              text     NOT NULL CHECK (kind IN ('SOURCE','COMPANY','DEAL','CLAIM','REBUTTAL','PERSON','TALENT_MOVE')),
  version           integer  NOT NULL DEFAULT 0 CHECK (version >= 0),
  created_position  bigint   NOT NULL
);

-- ---------------------------------------------------------------- events
CREATE TABLE events (
  position         bigint       PRIMARY KEY CHECK (position > 0),
  id               uuid         NOT NULL UNIQUE,
  stream_id        text         NOT NULL,
  version          integer      NOT NULL CHECK (version > 0),
  type             text         NOT NULL,
  schema_version   integer      NOT NULL DEFAULT 1,
  data             jsonb        NOT NULL,
  citations        jsonb        NOT NULL,
  entity_ids       text[]       NOT NULL,
  occurred_on      date,
  recorded_at      timestamptz(3) NOT NULL,
  recorded_by      text         NOT NULL,
  idempotency_key  text,
  correlation_id   uuid,
  causation_id     uuid,
  previous_hash    text,
  hash             text         NOT NULL,
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, version)
);
CREATE INDEX events_recorded_at_idx ON events (recorded_at, position);
CREATE INDEX events_entity_ids_idx ON events USING gin (entity_ids);
CREATE INDEX events_type_position_idx ON events (type, position);

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks. Corrections are new events.
CREATE FUNCTION ledger_refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger events are append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_event_change();
CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_event_change();
-- Where the deployment connects as a role other than the owner, it cannot even try.
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC;

-- ---------------------------------------------------------------- idempotency
-- (principal, key) -> fingerprint of the request and its first result, written in the
-- same transaction as the event.
CREATE TABLE idempotency_keys (
  principal       text     NOT NULL,
  key             text     NOT NULL,
  fingerprint     text     NOT NULL,
  event_position  bigint   NOT NULL REFERENCES events (position),
  result          jsonb    NOT NULL,
  PRIMARY KEY (principal, key)
);

-- ---------------------------------------------------------------- projections
-- Each row is one state of one entity, valid for ledger positions [valid_from, valid_to);
-- valid_to is NULL for the current state. `doc` is the domain's read-model row.
CREATE TABLE sources (
  id          text    NOT NULL,
  valid_from  bigint  NOT NULL,
  valid_to    bigint,
  version     integer NOT NULL,
  doc         jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX sources_current_idx ON sources (id) WHERE valid_to IS NULL;

CREATE TABLE companies (
  id          text    NOT NULL,
  valid_from  bigint  NOT NULL,
  valid_to    bigint,
  version     integer NOT NULL,
  name        text    NOT NULL,
  doc         jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX companies_current_idx ON companies (id) WHERE valid_to IS NULL;

CREATE TABLE deals (
  id          text    NOT NULL,
  valid_from  bigint  NOT NULL,
  valid_to    bigint,
  version     integer NOT NULL,
  kind        text    NOT NULL,
  party_ids   text[]  NOT NULL,
  doc         jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX deals_current_idx ON deals (id) WHERE valid_to IS NULL;
CREATE INDEX deals_party_ids_idx ON deals USING gin (party_ids);

CREATE TABLE claims (
  id           text    NOT NULL,
  valid_from   bigint  NOT NULL,
  valid_to     bigint,
  version      integer NOT NULL,
  kind         text    NOT NULL,
  metric       text,
  subject_ids  text[]  NOT NULL,
  doc          jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX claims_current_idx ON claims (id) WHERE valid_to IS NULL;
CREATE INDEX claims_subject_ids_idx ON claims USING gin (subject_ids);

CREATE TABLE rebuttals (
  id             text    NOT NULL,
  valid_from     bigint  NOT NULL,
  valid_to       bigint,
  version        integer NOT NULL,
  target_id      text    NOT NULL,
  root_claim_id  text    NOT NULL,
  doc            jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX rebuttals_current_idx ON rebuttals (id) WHERE valid_to IS NULL;
CREATE INDEX rebuttals_root_idx ON rebuttals (root_claim_id, valid_from);
CREATE INDEX rebuttals_target_idx ON rebuttals (target_id, valid_from);

CREATE TABLE people (
  id          text    NOT NULL,
  valid_from  bigint  NOT NULL,
  valid_to    bigint,
  version     integer NOT NULL,
  doc         jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX people_current_idx ON people (id) WHERE valid_to IS NULL;

CREATE TABLE talent_moves (
  id               text    NOT NULL,
  valid_from       bigint  NOT NULL,
  valid_to         bigint,
  version          integer NOT NULL,
  person_id        text    NOT NULL,
  from_company_id  text    NOT NULL,
  to_company_id    text,
  doc              jsonb   NOT NULL,
  PRIMARY KEY (id, valid_from)
);
CREATE UNIQUE INDEX talent_moves_current_idx ON talent_moves (id) WHERE valid_to IS NULL;
CREATE INDEX talent_moves_person_idx ON talent_moves (person_id, valid_from);
CREATE INDEX talent_moves_from_idx ON talent_moves (from_company_id, valid_from);
CREATE INDEX talent_moves_to_idx ON talent_moves (to_company_id, valid_from);
