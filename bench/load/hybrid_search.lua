-- wrk script: POSTs hybrid searches, rotating over the bodies in $BRAID_BODIES (make_bodies.py).
-- The collection is $BRAID_COLLECTION (default scifact).
local dir = os.getenv("BRAID_LOAD_DIR") or "bench/load"
dofile(dir .. "/report.lua")
local bodies = dofile(os.getenv("BRAID_BODIES"))
local path = "/collections/" .. (os.getenv("BRAID_COLLECTION") or "scifact") .. "/search"
local headers = {["Content-Type"] = "application/json"}
local next_body = 0

function init(args)
   -- each wrk thread starts at a different query
   next_body = math.random(#bodies) - 1
end

function request()
   next_body = next_body % #bodies + 1
   return wrk.format("POST", path, headers, bodies[next_body])
end

function done(summary, latency, requests)
   report(summary, latency)
end
