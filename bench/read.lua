-- wrk: GET one case (the reference in MELDPUNT_REFERENCE).
wrk.method = "GET"
wrk.path = "/api/v1/orgs/focus/cases/" .. os.getenv("MELDPUNT_REFERENCE")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MELDPUNT_TOKEN")
-- MELDPUNT_PACE_MS: each connection waits this long between requests (the soak's steady load).
local pace = tonumber(os.getenv("MELDPUNT_PACE_MS") or "0")
if pace > 0 then
  function delay() return pace end
end
