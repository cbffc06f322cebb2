-- Orders for the built-in order back end (filled by `agentctl orders import`), and
-- the delivery state of tickets sent on to an external helpdesk.

-- Orders --------------------------------------------------------------------

CREATE TABLE orders (
    order_id        text PRIMARY KEY CHECK (order_id <> ''),
    -- as the shop gave it; lookups go through the lower-case index below
    email           text NOT NULL,
    status          text NOT NULL,
    -- [{"sku", "name", "quantity", "price"}], prices as decimal strings
    items           jsonb NOT NULL DEFAULT '[]',
    total           numeric(12, 2) NOT NULL,
    currency        text NOT NULL,
    carrier         text,
    tracking_number text,
    tracking_url    text,
    -- when the shop created and last changed the order
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    -- when an import last wrote the row (an unchanged re-import leaves it alone)
    imported_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_email_idx ON orders (lower(email), created_at DESC);

-- Ticket delivery -----------------------------------------------------------

-- NULL: the ticket lives only in the `tickets` table (built-in back end).
-- pending: stored, not yet sent; delivered: the helpdesk accepted it (its id is in
-- external_id); failed: the helpdesk refused or did not answer (see delivery_error).
ALTER TABLE tickets
    ADD COLUMN delivery_status text CHECK (delivery_status IN ('pending', 'delivered', 'failed')),
    ADD COLUMN delivery_error  text,
    ADD COLUMN delivered_at    timestamptz;
CREATE INDEX tickets_undelivered_idx ON tickets (created_at) WHERE delivery_status IN ('pending', 'failed');
