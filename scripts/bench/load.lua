-- wrk script for scripts/bench-load.sh: every request is one customer message on the
-- RAG path, sent by one of the pre-created sessions (token, device, thread) in turn.
-- SESSIONS_FILE holds one "token fingerprint thread_id" line per session; QUESTIONS_FILE
-- (goldens/retrieval/demo-kb.jsonl) the customer questions. bench-load.sh runs agentd
-- with a one-entry query cache, so query embeddings are computed every time: only the
-- knowledge base's passages repeat, as they do for real customers.

local sessions = {}
local questions = {}

local function load_sessions()
  local path = os.getenv("SESSIONS_FILE")
  for line in io.lines(path) do
    local token, fp, thread = line:match("^(%S+)%s+(%S+)%s+(%S+)$")
    if token then table.insert(sessions, { token = token, fp = fp, thread = thread }) end
  end
  assert(#sessions > 0, "no sessions in " .. tostring(path))
  for line in io.lines(os.getenv("QUESTIONS_FILE")) do
    local q = line:match('"query"%s*:%s*"(.-)"')
    if q then table.insert(questions, q) end
  end
  assert(#questions > 0, "no questions")
end

local counter = 0
local statuses = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  load_sessions()
  n = id or 0
end

function request()
  n = n + 1
  local s = sessions[(n % #sessions) + 1]
  local q = questions[(n % #questions) + 1]
  local body = string.format('{"thread_id":"%s","user_msg":"%s"}', s.thread, q)
  return wrk.format("POST", "/api/agent/messages", {
    ["Content-Type"] = "application/json",
    ["X-Frontdesk-Client"] = "bench",
    ["X-Frontdesk-Fingerprint"] = s.fp,
    ["Authorization"] = "Bearer " .. s.token,
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s = %.1f req/s\n", summary.requests, secs, summary.requests / secs))
  io.write(string.format("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("socket errors: connect %d read %d write %d timeout %d; non-2xx/3xx: %d\n",
    e.connect, e.read, e.write, e.timeout, summary.errors.status))
end
