-- The first schema: users, their saved orders, reminders, conversation state, processed updates.
-- Dates are ISO text ('YYYY-MM-DD'); instants are integer Unix seconds in UTC.

CREATE TABLE users (
    user_id           INTEGER PRIMARY KEY,          -- Telegram user id
    chat_id           INTEGER,                      -- private chat the bot writes reminders to
    language          TEXT,                         -- 'ru' | 'en' chosen by the user; NULL: not chosen
    telegram_language TEXT,                         -- the last language_code Telegram reported
    timezone          TEXT,                         -- IANA name; NULL: the default time zone
    blocked           INTEGER NOT NULL DEFAULT 0,   -- 1 once Telegram said the user blocked the bot
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    label              TEXT,                        -- the user's own name for the order
    situation          TEXT NOT NULL,               -- the advisor's Situation as JSON
    stage              TEXT NOT NULL DEFAULT 'none',
    status             TEXT NOT NULL DEFAULT 'active',   -- 'active' | 'archived'
    next_deadline_kind TEXT,
    next_deadline_on   TEXT,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id, status, id);

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,                      -- the deadline kind it warns about
    deadline_on TEXT NOT NULL,                      -- the deadline's date
    offset_days INTEGER NOT NULL,                   -- days before the deadline (0: on the day)
    due_at      INTEGER NOT NULL,                   -- when to send, Unix seconds UTC
    state       TEXT NOT NULL DEFAULT 'pending',    -- pending | claimed | sent | cancelled | superseded | failed
    claimed_at  INTEGER,
    sent_at     INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0
);
-- The sweep's query: pending rows by due time, without touching sent history.
CREATE INDEX reminders_pending_due ON reminders (due_at) WHERE state = 'pending';
CREATE INDEX reminders_by_order ON reminders (order_id, state);
CREATE INDEX reminders_by_user ON reminders (user_id, state);

CREATE TABLE conversations (
    user_id    INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    flow       TEXT NOT NULL,                       -- which conversation: 'new', a follow-up, a setting
    state      TEXT NOT NULL,                       -- the flow's state as JSON
    order_id   INTEGER REFERENCES orders (id) ON DELETE CASCADE,
    message_id INTEGER,                             -- the message that shows the current question
    updated_at INTEGER NOT NULL
);

CREATE TABLE latest_texts (
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                       -- 'dispute' | 'seller_message' | 'appeal'
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, lang)
);

CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at INTEGER NOT NULL
);
