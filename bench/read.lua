-- wrk: GET one case (the reference in MELDPUNT_REFERENCE).
wrk.method = "GET"
wrk.path = "/api/v1/orgs/focus/cases/" .. os.getenv("MELDPUNT_REFERENCE")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MELDPUNT_TOKEN")
