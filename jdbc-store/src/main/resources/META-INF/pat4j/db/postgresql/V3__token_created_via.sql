--liquibase formatted sql
-- pat4j token store schema, version 3, for PostgreSQL 12+:
-- the tool through which a token was created.
-- RELEASED once on main: never edit this file (ReleasedMigrationsTest pins its SHA-256).
-- created_by names the acting user; created_via the tool that minted the token for them, as
-- free text ("git: https://host/ on MyMachine"), NULL when none was named (every token made
-- before this version). Re-runs harmlessly (IF NOT EXISTS). Adding a nullable column without a
-- default changes only the catalog: no table rewrite, a brief lock.

--changeset pat4j:3 logicalFilePath:META-INF/pat4j/db/postgresql/V3__token_created_via.sql
-- Serialises this migration with the earlier ones and pat4j 0.1's schema script, whoever runs them.
SELECT pg_advisory_xact_lock(7400437366504011);
ALTER TABLE pat4j_token ADD COLUMN IF NOT EXISTS created_via TEXT;
