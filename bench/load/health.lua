-- wrk script: GET /health, the HTTP floor of the server.
local dir = os.getenv("BRAID_LOAD_DIR") or "bench/load"
dofile(dir .. "/report.lua")
wrk.method = "GET"
wrk.path = "/health"

function done(summary, latency, requests)
   report(summary, latency)
end
