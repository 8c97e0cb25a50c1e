-- wrk script: the same caller reads one referral of its own (READ_PATH) again and again — the
-- cheapest authenticated API call (token, security chain, one indexed read, JSON out), the floor
-- under every audited release on this stack.
package.path = "hub-benchmarks/src/main/wrk/?.lua;" .. package.path
require "common"
local path = os.getenv("READ_PATH")

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
