-- Replays a list of requests in turn and prints wrk's figures as one JSON line.
-- Usage: wrk ... -s scenario.lua URL -- REQUESTS_FILE
-- Each line of REQUESTS_FILE is: METHOD <tab> PATH <tab> CONTENT-TYPE <tab> BODY
-- (empty content type and body for GET). Requests are built once per thread.

local requests = {}
local next_index = 1

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  return fields
end

function init(args)
  for line in io.lines(args[1]) do
    local f = split(line)
    local headers = {}
    local body = nil
    if f[3] ~= nil and f[3] ~= "" then
      headers["Content-Type"] = f[3]
      body = f[4]
    end
    requests[#requests + 1] = wrk.format(f[1], f[2], headers, body)
  end
  -- Threads start at different places so they do not ask for the same thing in step.
  next_index = math.random(#requests)
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function done(summary, latency, requests_)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
