-- wrk script: posts referrals as an agency case system would, each with its own Idempotency-Key and
-- a different child (random name and date of birth), and counts answers other than 201.
-- The token comes from the TOKEN environment variable.
local token = os.getenv("TOKEN")
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
  math.randomseed(os.time() + id * 7919)
end

function request()
  counter = counter + 1
  local key = string.format("bench-%d-%d-%d", id, counter, math.random(1, 1000000000))
  local dob = string.format("%04d-%02d-%02d", math.random(2008, 2025), math.random(1, 12), math.random(1, 28))
  local body = string.format([[{"subject": {"localId": "%s", "givenName": "%s", "familyName": "%s%d", "dateOfBirth": "%s", "postcode": "NS1 4AB"},
 "related": [{"localId": "%s-carer", "givenName": "Sam", "familyName": "%s%d", "dateOfBirth": "%s", "relationship": "mother"}],
 "concerns": ["NEGLECT"], "narrative": "Benchmark referral.", "consent": {"sought": true, "answer": "GIVEN"},
 "urgency": "ROUTINE", "referrer": {"name": "Bench", "role": "Load test"}}]],
    key, given[math.random(#given)], family[math.random(#family)], math.random(1, 99999), dob,
    key, family[math.random(#family)], math.random(1, 99999),
    string.format("%04d-%02d-%02d", math.random(1970, 1995), math.random(1, 12), math.random(1, 28)))
  return wrk.format("POST", "/api/referrals", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key
  }, body)
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
