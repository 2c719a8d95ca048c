--liquibase formatted sql
-- pat4j token store schema, version 7, for PostgreSQL 12+:
-- the outbox of notices to token owners (JdbcTokenStore's NoticeOutbox capability).
-- One row per notice, keyed by its idempotency key (token, kind, threshold and expiry: see
-- dev.pat4j.notice.OutboxNotice), written in the transaction of the change that causes it or by
-- the expiry schedule. state is pending, failed or delivered; a node delivering a notice holds
-- a lease on it (lease_owner until lease_until), which another node's claim takes over once it
-- has run out (claims select FOR UPDATE SKIP LOCKED, so nodes never wait for each other's);
-- delivered_to lists the senders that delivered it, comma-separated.
-- pat4j_token.expiry_notified, the flag that claimed an expiry notice before its delivery, stays
-- (released migrations are never edited) but pat4j no longer sets it: every token whose flag is
-- set is recorded here as a delivered expiry notice at the default threshold of seven days for
-- its current expiry, so that the outbox does not announce it again. The key's expiry is in
-- milliseconds since the epoch, as OutboxNotice.expiring writes it.
-- Re-runs harmlessly (IF NOT EXISTS, a guarded insert).

--changeset pat4j:7 logicalFilePath:META-INF/pat4j/db/postgresql/V7__notice_outbox.sql
-- Serialises this migration with the others and pat4j 0.1's schema script, whoever runs them.
SELECT pg_advisory_xact_lock(7400437366504011);
CREATE TABLE IF NOT EXISTS pat4j_notice (
    notice_key      TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    kind            TEXT             NOT NULL,
    token_id        TEXT COLLATE "C" NOT NULL,
    threshold_ms    BIGINT,
    actor           TEXT,
    detail          TEXT,
    raised_at       TIMESTAMPTZ      NOT NULL,
    state           TEXT             NOT NULL,
    attempts        INT              NOT NULL,
    next_attempt_at TIMESTAMPTZ      NOT NULL,
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    delivered_to    TEXT             NOT NULL,
    delivered_at    TIMESTAMPTZ,
    last_error      TEXT,
    CONSTRAINT pat4j_notice_state_check CHECK (state IN ('pending', 'failed', 'delivered'))
);
CREATE INDEX IF NOT EXISTS pat4j_notice_due_idx ON pat4j_notice (state, next_attempt_at, notice_key);
CREATE INDEX IF NOT EXISTS pat4j_notice_listing_idx ON pat4j_notice (state, raised_at DESC, notice_key);
INSERT INTO pat4j_notice (notice_key, kind, token_id, threshold_ms, actor, detail, raised_at, state, attempts,
        next_attempt_at, lease_owner, lease_until, delivered_to, delivered_at, last_error)
    SELECT k.notice_key, 'expiring', k.id, 604800000, NULL, 'announced before the outbox (expiry_notified)',
        CURRENT_TIMESTAMP, 'delivered', 1, CURRENT_TIMESTAMP, NULL, NULL, '', CURRENT_TIMESTAMP, NULL
    FROM (SELECT id, id || ':expiring:7d:'
                 || CAST(CAST(FLOOR(EXTRACT(EPOCH FROM expires_at) * 1000) AS BIGINT) AS TEXT) AS notice_key
          FROM pat4j_token WHERE expiry_notified = TRUE) k
    WHERE NOT EXISTS (SELECT 1 FROM pat4j_notice n WHERE n.notice_key = k.notice_key);
