-- Frontdesk initial schema: conversations, knowledge base, tickets and the audit
-- tables every later feature writes to (feedback, tool calls, LLM calls, eval runs).

CREATE EXTENSION IF NOT EXISTS vector;

-- Conversations -------------------------------------------------------------

CREATE TABLE threads (
    id          uuid PRIMARY KEY,
    channel     text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'slack', 'email')),
    -- who owns the conversation: bot, waiting_human, human, resolved
    status      text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'waiting_human', 'human', 'resolved')),
    assignee    text,
    session_id  text,
    customer_email text,
    external_ref text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_status_idx ON threads (status, updated_at DESC);

CREATE TABLE messages (
    id           uuid PRIMARY KEY,
    thread_id    uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('user', 'assistant', 'tool', 'system', 'human_agent', 'note')),
    content      text NOT NULL,
    tool_name    text,
    tool_payload jsonb,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_thread_idx ON messages (thread_id, created_at);

-- Knowledge base ------------------------------------------------------------

CREATE TABLE kb_docs (
    id               uuid PRIMARY KEY,
    -- where it was ingested from: the folder as given, or a WordPress site URL
    collection       text NOT NULL,
    -- identity inside the collection: relative path, path#faq-slug or page URL
    source           text NOT NULL,
    kind             text NOT NULL,
    title            text NOT NULL,
    url              text,
    -- empty = every channel may see the document
    allowed_channels text[] NOT NULL DEFAULT '{}',
    content_hash     text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (collection, source)
);

CREATE TABLE kb_chunks (
    id          uuid PRIMARY KEY,
    doc_id      uuid NOT NULL REFERENCES kb_docs (id) ON DELETE CASCADE,
    ordinal     integer NOT NULL,
    section     text NOT NULL DEFAULT '',
    content     text NOT NULL,
    token_count integer NOT NULL,
    embedding   vector(384) NOT NULL,
    -- embedding of "title. section path" alone: the question a chunk answers
    heading_embedding vector(384) NOT NULL,
    tsv         tsvector NOT NULL,
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX kb_chunks_embedding_idx ON kb_chunks USING hnsw (embedding vector_cosine_ops);
CREATE INDEX kb_chunks_tsv_idx ON kb_chunks USING gin (tsv);
CREATE INDEX kb_chunks_doc_idx ON kb_chunks (doc_id);

-- One row: which embedding model produced the live vectors, for staleness checks.
CREATE TABLE kb_index_meta (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    model       text NOT NULL,
    dimension   integer NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Tickets -------------------------------------------------------------------

CREATE SEQUENCE ticket_number_seq START 1001;
CREATE TABLE tickets (
    id          uuid PRIMARY KEY,
    number      bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
    thread_id   uuid REFERENCES threads (id) ON DELETE SET NULL,
    email       text,
    subject     text NOT NULL,
    body        text NOT NULL,
    priority    text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'solved', 'closed')),
    reason      text,
    external_id text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tickets_thread_reason_idx ON tickets (thread_id, reason) WHERE thread_id IS NOT NULL AND reason IS NOT NULL;

-- Audit ---------------------------------------------------------------------

CREATE TABLE feedback (
    id          uuid PRIMARY KEY,
    thread_id   uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    message_id  uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    rating      text NOT NULL CHECK (rating IN ('up', 'down')),
    tags        text[] NOT NULL DEFAULT '{}',
    comment     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id)
);

CREATE TABLE tool_calls (
    id             uuid PRIMARY KEY,
    thread_id      uuid REFERENCES threads (id) ON DELETE CASCADE,
    message_id     uuid REFERENCES messages (id) ON DELETE SET NULL,
    tool           text NOT NULL,
    -- arguments with PII masked
    arguments      jsonb NOT NULL,
    result_summary text,
    outcome        text NOT NULL,
    latency_ms     integer NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tool_calls_thread_idx ON tool_calls (thread_id, created_at);

CREATE TABLE llm_calls (
    id             uuid PRIMARY KEY,
    thread_id      uuid REFERENCES threads (id) ON DELETE CASCADE,
    provider       text NOT NULL,
    model          text NOT NULL,
    prompt_version text,
    purpose        text,
    tokens_in      integer NOT NULL DEFAULT 0,
    tokens_out     integer NOT NULL DEFAULT 0,
    cost_usd       numeric(12, 6) NOT NULL DEFAULT 0,
    latency_ms     integer NOT NULL,
    outcome        text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX llm_calls_thread_idx ON llm_calls (thread_id, created_at);

CREATE TABLE eval_runs (
    id             uuid PRIMARY KEY,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    git_rev        text,
    prompt_version text,
    brain          text,
    cases_total    integer NOT NULL DEFAULT 0,
    cases_passed   integer NOT NULL DEFAULT 0,
    summary        jsonb NOT NULL DEFAULT '{}'
);
