-- wrk: POST intakes (durable: each 201 is a committed transaction).
wrk.method = "POST"
wrk.path = "/api/v1/orgs/focus/cases"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MELDPUNT_TOKEN")
wrk.body = '{"kind":"complaint","channel":"web","subject":"Afspraak gemist","description":"De coach kwam niet opdagen.","complainant":{"name":"J. de Vries"}}'
-- MELDPUNT_PACE_MS: each connection waits this long between requests (the soak's steady load).
local pace = tonumber(os.getenv("MELDPUNT_PACE_MS") or "0")
if pace > 0 then
  function delay() return pace end
end
