-- An application's own Flyway migration, with its own history table (flyway_schema_history),
-- sharing the schema with pat4j's tables.
CREATE TABLE app_order (id INT NOT NULL PRIMARY KEY, note VARCHAR(100));
