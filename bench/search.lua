-- wrk: full-text register search, cycling through words that occur in the seeded cases.
local words = {"factuur", "coach", "telefoon", "wachttijd", "terugbetaling", "planning"}
local i = 0
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MELDPUNT_TOKEN")
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/orgs/focus/cases?limit=20&q=" .. words[(i % #words) + 1])
end
