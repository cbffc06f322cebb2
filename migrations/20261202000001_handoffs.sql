-- Human handoff: who owns a conversation over time, and each request for a person.

-- Every change of a thread's owner, with who made it and why.
CREATE TABLE thread_transitions (
    id          bigserial PRIMARY KEY,
    thread_id   uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    from_status text NOT NULL,
    to_status   text NOT NULL,
    assignee    text,
    -- customer, bot, system, or operator:<name>
    actor       text NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX thread_transitions_thread_idx ON thread_transitions (thread_id, id);

-- A request for a person, from the customer's button or the handoff_human tool.
CREATE TABLE handoffs (
    id                 uuid PRIMARY KEY,
    thread_id          uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    queue              text NOT NULL,
    reason             text NOT NULL,
    summary            text NOT NULL,
    transcript_excerpt text NOT NULL DEFAULT '',
    requested_by       text NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    -- waiting past this breaks the queue's waiting-time SLA
    sla_due_at         timestamptz NOT NULL,
    -- set once when the SLA was found broken (the sweep reports each breach once)
    flagged_at         timestamptz,
    claimed_by         text,
    claimed_at         timestamptz,
    -- claimed, handed_back, resolved: how the request ended
    closed_at          timestamptz,
    outcome            text,
    after_hours        boolean NOT NULL DEFAULT false,
    ticket_number      bigint
);
-- at most one open request per thread
CREATE UNIQUE INDEX handoffs_open_idx ON handoffs (thread_id) WHERE closed_at IS NULL;
CREATE INDEX handoffs_waiting_idx ON handoffs (sla_due_at) WHERE claimed_at IS NULL AND closed_at IS NULL;

ALTER TABLE threads
    -- the queue a waiting or human-owned thread is in
    ADD COLUMN queue text,
    -- a resolved conversation the customer writes to again starts a new episode
    ADD COLUMN episode integer NOT NULL DEFAULT 1,
    ADD COLUMN episode_started_at timestamptz NOT NULL DEFAULT now();
