-- `card` names the texts of an advice card not saved yet (a digest of them) for its Share
-- buttons, which still find them once the card is saved as an order and its texts shown again.
ALTER TABLE latest_texts ADD COLUMN card TEXT;
-- The same unique index, in the portable spelling the queries use.
DROP INDEX latest_texts_one_each;
CREATE UNIQUE INDEX latest_texts_one_each ON latest_texts (user_id, coalesce(order_id, 0), kind, lang);
