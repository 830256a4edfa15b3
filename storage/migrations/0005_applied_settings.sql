-- The settings the stored data was last made with, by name: the bot compares them at start and
-- redoes what they shape when they changed (the reminder settings: every order's reminders).
CREATE TABLE applied_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
