--liquibase formatted sql
-- pat4j token store schema, version 2, for H2 2.x:
-- one index serves both per-owner queries.
-- RELEASED once on main: never edit this file (ReleasedMigrationsTest pins its SHA-256).
-- TokenRows.findByOwner runs WHERE owner = ? ORDER BY owner, created_at DESC, id and
-- countActive WHERE owner = ? AND ...: an index on (owner, created_at DESC, id) returns an
-- owner's tokens already in the listing's order (no sort) and serves the owner equality of
-- both, which makes version 1's index on (owner) alone redundant.
-- Re-runs harmlessly (IF [NOT] EXISTS): H2 commits each DDL statement, so a run cut short
-- between the two statements is completed by the next one.

--changeset pat4j:2 logicalFilePath:META-INF/pat4j/db/h2/V2__owner_listing_index.sql
CREATE INDEX IF NOT EXISTS pat4j_token_owner_created_idx
    ON pat4j_token (owner, created_at DESC, id);
DROP INDEX IF EXISTS pat4j_token_owner_idx;
