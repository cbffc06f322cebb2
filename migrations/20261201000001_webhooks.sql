-- Outgoing webhooks: a transactional outbox filled by triggers, and one delivery row
-- per receiver with every attempt recorded.

-- Events to send, written in the same transaction as what they describe (a trigger),
-- so a ticket can never exist without its `ticket.created` event.
CREATE TABLE outbox (
    id            bigserial PRIMARY KEY,
    event         text NOT NULL,
    payload       jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- when the worker turned it into deliveries for the receivers configured then
    dispatched_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL;

CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,
    outbox_id       bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    -- the receiver's name in `webhooks.endpoints`, and its URL at dispatch time
    endpoint        text NOT NULL,
    url             text NOT NULL,
    event           text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a worker holds a delivery until then while it sends it
    lease_until     timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (outbox_id, endpoint)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    id           bigserial PRIMARY KEY,
    delivery_id  uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      integer NOT NULL,
    http_status  integer,
    error        text,
    latency_ms   integer NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempt);

CREATE FUNCTION outbox_ticket_created() RETURNS trigger AS $$
BEGIN
    INSERT INTO outbox (event, payload) VALUES ('ticket.created', jsonb_build_object(
        'ticket', jsonb_build_object(
            'id', NEW.id,
            'number', NEW.number,
            'subject', NEW.subject,
            'body', NEW.body,
            'priority', NEW.priority,
            'status', NEW.status,
            'email', NEW.email,
            'reason', NEW.reason,
            'thread_id', NEW.thread_id,
            'created_at', NEW.created_at)));
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER tickets_outbox AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION outbox_ticket_created();
