-- Customers type order ids in their own case and with or without a leading `#`
-- ("w2611340", "#W2611340"): look-ups compare this normalised key.
CREATE INDEX orders_order_key_idx ON orders (upper(ltrim(order_id, '#')));
