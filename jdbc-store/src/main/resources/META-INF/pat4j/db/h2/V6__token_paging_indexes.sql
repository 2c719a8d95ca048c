--liquibase formatted sql
-- pat4j token store schema, version 6, for H2 2.x:
-- the indexes of keyset paging (JdbcTokenStore's TokenPaging capability, TokenService.list).
-- (Version 5 is a separate change.)
-- A page is WHERE owner = ? AND (sort key, id) after the cursor ORDER BY owner, sort key, id
-- LIMIT n, one query per TokenSort: each index returns an owner's tokens in one order from the
-- cursor on, so a page reads about as many rows as it shows (more only where the state filter
-- or the search skips rows), never the owner's whole history. Newest first is the (owner,
-- created_at, id) index read backwards; version 2's (owner, created_at DESC, id) stays for
-- findByOwner, whose order differs in the direction of id. H2 compares names by
-- String.compareTo, the order TokenPaging.order() defines.
-- Re-runs harmlessly (IF NOT EXISTS).

--changeset pat4j:6 logicalFilePath:META-INF/pat4j/db/h2/V6__token_paging_indexes.sql
CREATE INDEX IF NOT EXISTS pat4j_token_owner_created_id_idx ON pat4j_token (owner, created_at, id);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_expires_idx ON pat4j_token (owner, expires_at, id);
CREATE INDEX IF NOT EXISTS pat4j_token_owner_name_idx ON pat4j_token (owner, name, id);
