--liquibase formatted sql
-- pat4j token store schema, version 6, for PostgreSQL 12+:
-- the indexes of keyset paging (JdbcTokenStore's TokenPaging capability, TokenService.list).
-- (Version 5 is a separate change.)
-- A page is WHERE owner = ? AND (sort key, id) > (?, ?) ORDER BY sort key, id LIMIT n, one
-- query per TokenSort: each index returns an owner's tokens in one order from the cursor on
-- (the row comparison is the index condition), so a page reads about as many rows as it shows
-- (more only where the state filter or the search skips rows), never the owner's whole history.
-- Newest first is the (owner, created_at, id) index read backwards; version 2's (owner,
-- created_at DESC, id) stays for findByOwner, whose order differs in the direction of id.
-- Names are indexed and compared COLLATE "C" (by code point, whatever the database locale),
-- which for every name within the Basic Multilingual Plane is String.compareTo's order.
-- Re-runs harmlessly (IF NOT EXISTS). A plain CREATE INDEX blocks writes to pat4j_token while
-- it builds, as version 2 explains.

--changeset pat4j:6 logicalFilePath:META-INF/pat4j/db/postgresql/V6__token_paging_indexes.sql
-- Serialises this migration with the others and pat4j 0.1's schema script, whoever runs them.
SELECT pg_advisory_xact_lock(7400437366504011);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_created_id_idx ON pat4j_token (owner, created_at, id);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_expires_idx ON pat4j_token (owner, expires_at, id);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_name_idx ON pat4j_token (owner, name COLLATE "C", id);
