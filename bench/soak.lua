-- wrk script of the soak in bench/frontend.py: cycles through a health check, a JSON POST
-- answered 422 (validation) and a 404, on keep-alive connections.
local requests = {}

function init(args)
  requests[1] = wrk.format("GET", "/api/health")
  requests[2] = wrk.format("POST", "/api/plugins/toggle",
                           { ["Content-Type"] = "application/json" }, '{"name": 5}')
  requests[3] = wrk.format("GET", "/api/does-not-exist")
end

local i = 0

function request()
  i = i + 1
  return requests[(i % 3) + 1]
end
