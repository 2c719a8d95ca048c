--liquibase formatted sql
-- pat4j token store schema, version 7, for H2 2.x:
-- the outbox of notices to token owners (JdbcTokenStore's NoticeOutbox capability).
-- One row per notice, keyed by its idempotency key (token, kind, threshold and expiry: see
-- dev.pat4j.notice.OutboxNotice), written in the transaction of the change that causes it or by
-- the expiry schedule. state is pending, failed or delivered; a node delivering a notice holds
-- a lease on it (lease_owner until lease_until), which another node's claim takes over once it
-- has run out; delivered_to lists the senders that delivered it, comma-separated.
-- pat4j_token.expiry_notified, the flag that claimed an expiry notice before its delivery, stays
-- (released migrations are never edited) but pat4j no longer sets it: every token whose flag is
-- set is recorded here as a delivered expiry notice at the default threshold of seven days for
-- its current expiry, so that the outbox does not announce it again. The key's expiry is in
-- milliseconds since the epoch, as OutboxNotice.expiring writes it. Unlike PostgreSQL's, this
-- table has no CHECK on state: H2 2.4 fails every insert with "Check constraint invalid" once the
-- session that created a CHECK comparing text has closed (the store writes only the three states).
-- Re-runs harmlessly (IF NOT EXISTS, a guarded insert).

--changeset pat4j:7 logicalFilePath:META-INF/pat4j/db/h2/V7__notice_outbox.sql
CREATE TABLE IF NOT EXISTS pat4j_notice (
    notice_key      VARCHAR(200)                NOT NULL PRIMARY KEY,
    kind            VARCHAR(40)                 NOT NULL,
    token_id        VARCHAR(64)                 NOT NULL,
    threshold_ms    BIGINT,
    actor           VARCHAR,
    detail          VARCHAR,
    raised_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    state           VARCHAR(16)                 NOT NULL,
    attempts        INT                         NOT NULL,
    next_attempt_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMP(6) WITH TIME ZONE,
    delivered_to    VARCHAR                     NOT NULL,
    delivered_at    TIMESTAMP(6) WITH TIME ZONE,
    last_error      VARCHAR(500)
);
CREATE INDEX IF NOT EXISTS pat4j_notice_due_idx ON pat4j_notice (state, next_attempt_at, notice_key);
CREATE INDEX IF NOT EXISTS pat4j_notice_listing_idx ON pat4j_notice (state, raised_at DESC, notice_key);
INSERT INTO pat4j_notice (notice_key, kind, token_id, threshold_ms, actor, detail, raised_at, state, attempts,
        next_attempt_at, lease_owner, lease_until, delivered_to, delivered_at, last_error)
    SELECT k.notice_key, 'expiring', k.id, 604800000, NULL, 'announced before the outbox (expiry_notified)',
        CURRENT_TIMESTAMP, 'delivered', 1, CURRENT_TIMESTAMP, NULL, NULL, '', CURRENT_TIMESTAMP, NULL
    FROM (SELECT id, id || ':expiring:7d:'
                 || CAST(CAST(FLOOR(EXTRACT(EPOCH FROM expires_at) * 1000) AS BIGINT) AS VARCHAR) AS notice_key
          FROM pat4j_token WHERE expiry_notified = TRUE) k
    WHERE NOT EXISTS (SELECT 1 FROM pat4j_notice n WHERE n.notice_key = k.notice_key);
