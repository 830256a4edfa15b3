-- The order's situation before the last change a follow-up made, with the token of the card
-- button that may take it back (JSON {"token", "situation"}); NULL when there is nothing to undo.
ALTER TABLE orders ADD COLUMN undo TEXT;
