-- wrk script: contributes NDJSON batches of records as a police case system would, each record about
-- a different person (random name, date of birth and local id). BATCH records per request.
package.path = "hub-benchmarks/src/main/wrk/?.lua;" .. package.path
require "common"
local size = tonumber(os.getenv("BATCH") or "500")
-- NAMES=distinct: family names the matcher tells apart (see common.lua); the default keeps the first runs' names
DISTINCT_NAMES = os.getenv("NAMES") == "distinct"

function request()
  local lines = {}
  for i = 1, size do
    counter = counter + 1
    lines[i] = string.format([[{"subject": {"localId": "PNC-%d-%d-%d", "givenName": "%s", "familyName": "%s", "dateOfBirth": "%04d-%02d-%02d"}, "category": "POLICE_INCIDENTS", "fields": {"incidentDate": "2026-03-01", "incidentType": "theft", "childPresent": false}, "sourceReference": "BENCH", "recordedAt": "2026-03-01T10:00:00Z"}]],
      id, counter, math.random(1, 1000000000), given[math.random(#given)], DISTINCT_NAMES and distinct_family() or family[math.random(#family)] .. math.random(1, 99999),
      math.random(1990, 2025), math.random(1, 12), math.random(1, 28))
  end
  return wrk.format("POST", "/api/records/bulk", {
    ["Content-Type"] = "application/x-ndjson",
    ["Authorization"] = "Bearer " .. token
  }, table.concat(lines, "\n"))
end
