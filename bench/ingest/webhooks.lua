-- wrk script of bench/ingest.sh: replays pre-signed webhooks, each exactly once.
--   wrk ... -s webhooks.lua URL -- DIR [wrap]
-- Thread k reads DIR/webhooks.k (lines "sha256=<hex> TAB body", written by IngestHelper sign) and sends each
-- line once, as Meta would: POST with X-Hub-Signature-256 over the exact body. Without "wrap" a thread that runs
-- out of webhooks stops and the run is reported as exhausted (never a webhook sent twice); with "wrap" it starts
-- over (for an endpoint that does not deduplicate, the HTTP→Kafka ceiling). Without DIR: wrk's own request.
-- done() prints one line "RESULT key=value ...", which bench/ingest.sh reads.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local requests = {}
local count = 0
local i = 0
local wrap = false
ok = 0
exhausted = 0

function init(args)
  local dir = args[1]
  wrap = args[2] == "wrap"
  if dir == nil or dir == "-" then
    return
  end
  local file = assert(io.open(dir .. "/webhooks." .. id, "r"))
  for line in file:lines() do
    local tab = line:find("\t", 1, true)
    count = count + 1
    requests[count] = wrk.format("POST", nil,
      { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = line:sub(1, tab - 1) },
      line:sub(tab + 1))
  end
  file:close()
end

function request()
  if count == 0 then
    return wrk.request()
  end
  i = i + 1
  if i > count then
    if wrap then
      i = 1
    else
      exhausted = 1
      wrk.thread:stop()
      i = count
    end
  end
  return requests[i]
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  end
end

function done(summary, latency, _)
  local accepted, out_of_webhooks = 0, 0
  for _, thread in ipairs(threads) do
    accepted = accepted + thread:get("ok")
    out_of_webhooks = out_of_webhooks + thread:get("exhausted")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d ok=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d " ..
    "seconds=%.3f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f exhausted_threads=%d\n",
    summary.requests, accepted, e.status, e.connect, e.read, e.write, e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, out_of_webhooks))
end
