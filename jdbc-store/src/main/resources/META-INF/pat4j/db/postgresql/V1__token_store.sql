--liquibase formatted sql
-- pat4j token store schema, version 1, for PostgreSQL 12+:
-- the schema of pat4j 0.1, statement for statement.
-- RELEASED: never edit this file (ReleasedMigrationsTest pins its SHA-256); add a new version.
-- Idempotent (IF NOT EXISTS, a guarded insert), so it also adopts a database that pat4j 0.1's
-- createSchemaIfMissing() made: JdbcTokenStore.migrate(), Flyway (baselined at version 0) and
-- Liquibase run it over such a database harmlessly.
-- Read by Flyway (the V1__ file name), Liquibase (the changeset line) and JdbcTokenStore.migrate():
-- statements end with a semicolon at the end of a line; lines starting with -- are comments.

--changeset pat4j:1 logicalFilePath:META-INF/pat4j/db/postgresql/V1__token_store.sql
-- Serialises concurrent runs of this script by several nodes (the lock ends with the transaction).
SELECT pg_advisory_xact_lock(7400437366504011);

-- One row per token. The secret itself is never stored: only a per-token salt, the hash of
-- salt || secret and the name of the hash algorithm. "version" is the optimistic lock.
-- Ids sort bytewise (COLLATE "C") whatever the database locale.
CREATE TABLE IF NOT EXISTS pat4j_token (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    owner           TEXT             NOT NULL,
    name            TEXT             NOT NULL,
    organization    TEXT,
    scopes          TEXT             NOT NULL,
    created_at      TIMESTAMPTZ      NOT NULL,
    created_by      TEXT             NOT NULL,
    expires_at      TIMESTAMPTZ      NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_by      TEXT,
    last_used_at    TIMESTAMPTZ,
    salt            BYTEA            NOT NULL,
    hash            BYTEA            NOT NULL,
    hash_algorithm  TEXT             NOT NULL,
    expiry_notified BOOLEAN          NOT NULL DEFAULT FALSE,
    version         BIGINT           NOT NULL
);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_idx ON pat4j_token (owner);
CREATE INDEX IF NOT EXISTS pat4j_token_expiry_idx ON pat4j_token (expires_at);

-- The change feed: one row per validation-relevant change, numbered 1, 2, 3 ... without gaps
-- and in commit order (see pat4j_change_counter).
CREATE TABLE IF NOT EXISTS pat4j_token_change (
    seq        BIGINT           NOT NULL PRIMARY KEY,
    token_id   TEXT COLLATE "C" NOT NULL,
    changed_at TIMESTAMPTZ      NOT NULL
);
CREATE INDEX IF NOT EXISTS pat4j_token_change_at_idx ON pat4j_token_change (changed_at);

-- A single row holding the last sequence handed out. Writers increment it inside their
-- transaction, so its row lock serialises appends until commit.
CREATE TABLE IF NOT EXISTS pat4j_change_counter (
    id  INT    NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    CONSTRAINT pat4j_change_counter_one_row CHECK (id = 1)
);
INSERT INTO pat4j_change_counter (id, seq)
    SELECT 1, COALESCE((SELECT MAX(seq) FROM pat4j_token_change), 0)
    WHERE NOT EXISTS (SELECT 1 FROM pat4j_change_counter);
