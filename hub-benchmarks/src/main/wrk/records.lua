-- wrk script: contributes NDJSON batches of records as a police case system would, each record about
-- a different person (random name, date of birth and local id). BATCH records per request.
local token = os.getenv("TOKEN")
local size = tonumber(os.getenv("BATCH") or "500")
local threads = {}
local given = {"Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Ivy", "Theo", "Freya", "Jack"}
local family = {"Hart", "Quinn", "Patel", "Okafor", "Morgan", "Evans", "Khan", "Nowak", "Smith", "Jones", "Hughes", "Begum"}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  failures = 0
  math.randomseed(os.time() + id * 104729)
end

function request()
  local lines = {}
  for i = 1, size do
    counter = counter + 1
    lines[i] = string.format([[{"subject": {"localId": "PNC-%d-%d-%d", "givenName": "%s", "familyName": "%s%d", "dateOfBirth": "%04d-%02d-%02d"}, "category": "POLICE_INCIDENTS", "fields": {"incidentDate": "2027-03-01", "incidentType": "theft", "childPresent": false}, "sourceReference": "BENCH", "recordedAt": "2027-03-01T10:00:00Z"}]],
      id, counter, math.random(1, 1000000000), given[math.random(#given)], family[math.random(#family)],
      math.random(1, 99999), math.random(1990, 2025), math.random(1, 12), math.random(1, 28))
  end
  return wrk.format("POST", "/api/records/bulk", {
    ["Content-Type"] = "application/x-ndjson",
    ["Authorization"] = "Bearer " .. token
  }, table.concat(lines, "\n"))
end

function response(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("RESULT requests=%d seconds=%.1f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non201=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
