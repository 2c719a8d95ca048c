-- pat4j token store schema for H2 2.x. Idempotent: safe to run on every start.
-- Statements end with a semicolon at the end of a line; lines starting with -- are comments.

-- One row per token. The secret itself is never stored: only a per-token salt, the hash of
-- salt || secret and the name of the hash algorithm. "version" is the optimistic lock.
CREATE TABLE IF NOT EXISTS pat4j_token (
    id              VARCHAR(64)                 NOT NULL PRIMARY KEY,
    owner           VARCHAR                     NOT NULL,
    name            VARCHAR                     NOT NULL,
    organization    VARCHAR,
    scopes          VARCHAR                     NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by      VARCHAR                     NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP(6) WITH TIME ZONE,
    revoked_by      VARCHAR,
    last_used_at    TIMESTAMP(6) WITH TIME ZONE,
    salt            VARBINARY                   NOT NULL,
    hash            VARBINARY                   NOT NULL,
    hash_algorithm  VARCHAR(64)                 NOT NULL,
    expiry_notified BOOLEAN                     DEFAULT FALSE NOT NULL,
    version         BIGINT                      NOT NULL
);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_idx ON pat4j_token (owner);
CREATE INDEX IF NOT EXISTS pat4j_token_expiry_idx ON pat4j_token (expires_at);

-- The change feed: one row per validation-relevant change, numbered 1, 2, 3 ... without gaps
-- and in commit order (see pat4j_change_counter).
CREATE TABLE IF NOT EXISTS pat4j_token_change (
    seq        BIGINT                      NOT NULL PRIMARY KEY,
    token_id   VARCHAR(64)                 NOT NULL,
    changed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
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
