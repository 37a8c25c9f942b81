-- The benchmark's requests for wrk. The list comes from the file named by KG_BENCH_REQUESTS, one
-- request a line: METHOD<TAB>PATH<TAB>ACCEPT. Each thread walks the list in turn from its own
-- offset, so that requests in flight differ: thread i of n starts at (i-1) * #list / n (0-based).
-- KG_BENCH_WALK=backward (the warm-up) makes each thread walk backwards from just before its offset
-- instead, so that it takes the end of the slice the measured run (forward) takes the start of:
-- the two send the same request only once together they send more than the list holds (then
-- either wraps anyway). A server that keeps answers (ours: header X-KG-Cache: hit) thus answers
-- none of the measured requests from what the warm-up sent.
-- At the end, one line `KG-BENCH {json}`: requests, seconds, bytes, counts per status code, socket
-- errors, a few error bodies, latency percentiles (µs), and cache_hits: answers with X-KG-Cache: hit.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
  table.insert(threads, thread)
end

function init(args)
  local lines = {}
  for line in io.lines(os.getenv("KG_BENCH_REQUESTS")) do
    local method, path, accept = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)$")
    if method then
      lines[#lines + 1] = wrk.format(method, path, {["Accept"] = accept, ["Accept-Encoding"] = "identity"})
    end
  end
  assert(#lines > 0, "no request in " .. tostring(os.getenv("KG_BENCH_REQUESTS")))
  prepared = lines
  local count = tonumber(os.getenv("KG_BENCH_THREADS") or "1")
  local offset = math.floor((index - 1) * #prepared / count)
  step = os.getenv("KG_BENCH_WALK") == "backward" and -1 or 1
  turn = step == 1 and offset or offset - 1  -- 0-based position of the next request; % wraps it either way
  statuses = {}
  samples = {}
  hits = 0
end

function request()
  local line = prepared[turn % #prepared + 1]
  turn = turn + step
  return line
end

local function cache_hit(headers)
  for name, value in pairs(headers) do  -- names as the server spelled them: compare in any case
    if name:lower() == "x-kg-cache" then return value:lower() == "hit" end
  end
  return false
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if cache_hit(headers) then hits = hits + 1 end
  if (status < 200 or status > 299) and #samples < 3 then
    samples[#samples + 1] = status .. " " .. (body or ""):sub(1, 200)
  end
end

local function quote(text)
  return '"' .. text:gsub('[%c"\\\128-\255]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local merged, bodies, cache_hits = {}, {}, 0
  for _, thread in ipairs(threads) do
    cache_hits = cache_hits + thread:get("hits")
    for status, n in pairs(thread:get("statuses")) do
      merged[tostring(status)] = (merged[tostring(status)] or 0) + n
    end
    for _, sample in ipairs(thread:get("samples")) do
      if #bodies < 3 then bodies[#bodies + 1] = quote(sample) end
    end
  end
  local parts = {}
  for status, n in pairs(merged) do parts[#parts + 1] = string.format('"%s": %d', status, n) end
  local e = summary.errors
  io.write(string.format(
    'KG-BENCH {"requests": %d, "seconds": %.3f, "bytes": %d, "statuses": {%s}, "samples": [%s], ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.0f}, "cache_hits": %d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes, table.concat(parts, ", "), table.concat(bodies, ", "),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean, cache_hits))
end
