-- wrk: POST intakes (durable: each 201 is a committed transaction).
wrk.method = "POST"
wrk.path = "/api/v1/orgs/focus/cases"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("MELDPUNT_TOKEN")
wrk.body = '{"kind":"complaint","channel":"web","subject":"Afspraak gemist","description":"De coach kwam niet opdagen.","complainant":{"name":"J. de Vries"}}'
