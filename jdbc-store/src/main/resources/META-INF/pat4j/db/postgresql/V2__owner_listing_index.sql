--liquibase formatted sql
-- pat4j token store schema, version 2, for PostgreSQL 12+:
-- one index serves both per-owner queries.
-- RELEASED once on main: never edit this file (ReleasedMigrationsTest pins its SHA-256).
-- TokenRows.findByOwner runs WHERE owner = ? ORDER BY owner, created_at DESC, id and
-- countActive WHERE owner = ? AND ...: an index on (owner, created_at DESC, id) returns an
-- owner's tokens already in the listing's order (no sort; id keeps its COLLATE "C") and
-- serves the owner equality of both, which makes version 1's index on (owner) alone redundant.
-- Re-runs harmlessly (IF [NOT] EXISTS). A plain CREATE INDEX blocks writes to pat4j_token
-- while it builds, which a token table is small enough for (CREATE INDEX CONCURRENTLY cannot
-- run inside the transaction that every runner applies a migration in).

--changeset pat4j:2 logicalFilePath:META-INF/pat4j/db/postgresql/V2__owner_listing_index.sql
-- Serialises this migration with version 1 and pat4j 0.1's schema script, whoever runs them.
SELECT pg_advisory_xact_lock(7400437366504011);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_created_idx
    ON pat4j_token (owner, created_at DESC, id);
DROP INDEX IF EXISTS pat4j_token_owner_idx;
