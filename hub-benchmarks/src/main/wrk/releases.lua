-- wrk script: a children's services case system asks for one record at a time for its referral
-- (RELEASES_PATH), picking one of the records listed in RECORD_IDS at random. With PAUSE_MS each
-- connection waits that long between requests (a fixed, lower offered rate).
package.path = "hub-benchmarks/src/main/wrk/?.lua;" .. package.path
require "common"
local ids = {}
for line in io.lines(os.getenv("RECORD_IDS")) do
  ids[#ids + 1] = line
end
local path = os.getenv("RELEASES_PATH")
local pause = tonumber(os.getenv("PAUSE_MS") or "0")
local ask = os.getenv("RELEASE_ASK")

function request()
  local body = ask or string.format('{"purpose": "SAFEGUARDING_CHILDREN", "recordId": "%s"}', ids[math.random(#ids)])
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token
  }, body)
end

if pause > 0 then
  function delay()
    return pause
  end
end
