-- wrk script: posts referrals as an agency case system would, each with its own Idempotency-Key and
-- a different child (random name and date of birth), and counts answers other than 201.
package.path = "hub-benchmarks/src/main/wrk/?.lua;" .. package.path
require "common"

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
