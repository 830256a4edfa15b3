-- The order a latest text was written for (NULL: an advice card not saved as an order), so that
-- inline mode never offers the text of an order deleted or changed since.
ALTER TABLE latest_texts ADD COLUMN order_id INTEGER REFERENCES orders (id) ON DELETE CASCADE;
CREATE INDEX latest_texts_by_order ON latest_texts (order_id) WHERE order_id IS NOT NULL;
-- Texts written before cannot be told apart: the next order saved would take them as its own.
DELETE FROM latest_texts;
