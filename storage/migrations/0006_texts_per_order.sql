-- Every order keeps its own latest texts (and an advice card not saved yet its own, order_id
-- NULL): with one set per user, Share under an older order's text offered another order's.
CREATE TABLE latest_texts_per_order (
    user_id    INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    order_id   INTEGER REFERENCES orders (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,                       -- 'dispute' | 'seller_message' | 'appeal'
    lang       TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO latest_texts_per_order (user_id, order_id, kind, lang, body, updated_at)
    SELECT user_id, order_id, kind, lang, body, updated_at FROM latest_texts;
DROP TABLE latest_texts;
ALTER TABLE latest_texts_per_order RENAME TO latest_texts;
-- One text of a kind and language per order (NULL, the unsaved card, counted as order 0).
CREATE UNIQUE INDEX latest_texts_one_each ON latest_texts (user_id, ifnull(order_id, 0), kind, lang);
CREATE INDEX latest_texts_by_order ON latest_texts (order_id) WHERE order_id IS NOT NULL;
