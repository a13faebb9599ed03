-- Replays a list of requests in turn and prints wrk's figures as one JSON line.
-- Usage: wrk ... -s scenario.lua URL -- REQUESTS_FILE
-- Each line of REQUESTS_FILE is: METHOD <tab> PATH <tab> CONTENT-TYPE <tab> BODY
-- (empty content type and body for GET). Requests are built once per thread.

local requests = {}
local next_index = 1

-- Several server processes (TUIDANG_BENCH_PORTS=8081,8082 on 127.0.0.1): each wrk thread takes the
-- next port in turn, so the load spreads over them without a proxy's cost on the same two cores.
local threads_set_up = 0
function setup(thread)
  local list = os.getenv("TUIDANG_BENCH_PORTS")
  if list == nil or list == "" then return end
  local ports = {}
  for port in list:gmatch("%d+") do ports[#ports + 1] = port end
  thread.addr = wrk.lookup("127.0.0.1", ports[threads_set_up % #ports + 1])[1]
  threads_set_up = threads_set_up + 1
end

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
