--liquibase formatted sql
-- pat4j token store schema, version 4, for H2 2.x:
-- the settings fingerprint, JdbcTokenStore's SettingsFingerprintStore capability.
-- (Version 3 is a separate change: token column created_via.)
-- A few name-value rows recording the settings the store's tokens were written under:
-- token.prefix, hashing.algorithm, hashing.pepper-id and hashing.pepper-check (a tag derived
-- from the pepper that reveals nothing of it). None is secret. The first pat4j process records
-- them; a later process whose settings could not verify the store's tokens refuses to start.
-- Deleting the rows lets the next process record its own (how settings are changed on purpose).
-- Re-runs harmlessly (IF NOT EXISTS).

--changeset pat4j:4 logicalFilePath:META-INF/pat4j/db/h2/V4__settings_fingerprint.sql
CREATE TABLE IF NOT EXISTS pat4j_settings (
    setting_name  VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1000) NOT NULL
);
