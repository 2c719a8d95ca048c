--liquibase formatted sql
-- pat4j token store schema, version 3, for H2 2.x:
-- the tool through which a token was created.
-- RELEASED once on main: never edit this file (ReleasedMigrationsTest pins its SHA-256).
-- created_by names the acting user; created_via the tool that minted the token for them, as
-- free text ("git: https://host/ on MyMachine"), NULL when none was named (every token made
-- before this version). Re-runs harmlessly (IF NOT EXISTS).

--changeset pat4j:3 logicalFilePath:META-INF/pat4j/db/h2/V3__token_created_via.sql
ALTER TABLE pat4j_token ADD COLUMN IF NOT EXISTS created_via VARCHAR;
