-- Pipelining for wrk: each write carries `depth` GET requests, and wrk
-- counts the responses as they come back. Usage: wrk -s wrk-pipeline.lua URL -- 10
init = function(args)
  local depth = tonumber(args[1]) or 10
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format(nil, wrk.path)
  end
  req = table.concat(r)
end

request = function()
  return req
end
