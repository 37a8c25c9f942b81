-- One kind of traffic for wrk: the requests come from the file named by KG_WRK_REQUESTS (one a line:
-- METHOD<TAB>PATH[<TAB>BODY<TAB>CONTENT-TYPE]), each from a random client address (X-Forwarded-For),
-- in random order (or in turn, with KG_WRK_ORDER=cycle), and at the end one JSON line with the counts,
-- a few error bodies and the latency percentiles (microseconds).
local requests, threads = {}, {}

local function load()
  local list = {}
  for line in io.lines(os.getenv("KG_WRK_REQUESTS")) do
    local method, path, body, ctype = line:match("^([^\t]*)\t([^\t]*)\t?([^\t]*)\t?([^\t]*)$")
    if method then list[#list + 1] = {method = method, path = path, body = body, ctype = ctype} end
  end
  return list
end

function setup(thread)
  thread:set("statuses", {})
  thread:set("samples", {})
  table.insert(threads, thread)
end

function init(args)
  requests = load()
  statuses = {}
  samples = {}
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  prefix = os.getenv("KG_WRK_CLIENTS") or "192.0.2."
  cycle, turn = os.getenv("KG_WRK_ORDER") == "cycle", 0
end

function request()
  turn = turn + 1
  local r = cycle and requests[(turn - 1) % #requests + 1] or requests[math.random(#requests)]
  local headers = {["X-Forwarded-For"] = prefix .. math.random(1, 50), ["Accept"] = "*/*"}
  if r.ctype ~= "" then headers["Content-Type"] = r.ctype end
  if r.path:find("^/id/") or r.path == "/" or r.path:find("^/search") then headers["Accept"] = "text/html" end
  return wrk.format(r.method, r.path, headers, r.body ~= "" and r.body or nil)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 and #samples < 5 then samples[#samples + 1] = status .. " " .. (body or ""):sub(1, 200) end
end

local function quote(text)
  return '"' .. text:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do merged[tostring(status)] = (merged[tostring(status)] or 0) + n end
  end
  local parts, bodies = {}, {}
  for status, n in pairs(merged) do parts[#parts + 1] = string.format('"%s": %d', status, n) end
  for _, thread in ipairs(threads) do
    for _, sample in ipairs(thread:get("samples")) do bodies[#bodies + 1] = quote(sample) end
  end
  local e = summary.errors
  io.write(string.format(
    'KG-RESULT {"requests": %d, "seconds": %.3f, "statuses": {%s}, "samples": [%s], "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.0f}}\n',
    summary.requests, summary.duration / 1e6, table.concat(parts, ", "), table.concat(bodies, ", "), e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
