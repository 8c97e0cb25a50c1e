-- What the wrk scripts share: random names, per-thread counters, unexpected answers counted (any
-- status other than EXPECT_STATUS, default 201, or a body without EXPECT_BODY when that is set),
-- and one RESULT line that bin/benchmark-http.sh reads. A suite script sets package.path to this
-- folder, requires this file and defines request(). The token comes from the TOKEN environment
-- variable.
token = os.getenv("TOKEN")
given = {"Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur", "Ivy", "Theo", "Freya", "Jack"}
family = {"Hart", "Quinn", "Patel", "Okafor", "Morgan", "Evans", "Khan", "Nowak", "Smith", "Jones", "Hughes", "Begum"}
-- A family name the matcher sees as a name of its own: digits are dropped when names are normalised,
-- so "Hart4711" was just HART; two syllables in front give thousands of names and phonetic codes.
local syllables = {"Ash", "Brook", "Car", "Dun", "El", "Fen", "Gil", "Holm", "Ing", "Kel", "Lin", "Mar",
  "Nor", "Pen", "Ros", "Sel", "Tal", "Ver", "Wes", "Yar"}
function distinct_family()
  return syllables[math.random(#syllables)] .. string.lower(syllables[math.random(#syllables)]) ..
    string.lower(family[math.random(#family)])
end
local threads = {}
local expected_status = tonumber(os.getenv("EXPECT_STATUS") or "201")
local expected_body = os.getenv("EXPECT_BODY")

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  failures = 0
  math.randomseed(os.time() + id * 7919)
end

function response(status, headers, body)
  if status ~= expected_status or (expected_body and not string.find(body, expected_body, 1, true)) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("RESULT requests=%d seconds=%.1f rate=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f unexpected=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
