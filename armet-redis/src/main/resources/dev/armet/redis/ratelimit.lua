-- One rate-limit decision, atomically: the same arithmetic as armet-core's LimitArithmetic and
-- RateLimitCommand.apply (RateLimitStoreContract checks they agree).
-- KEYS: one per rule, then optionally a session hash to read in the same call (standalone
-- Redis: the request's session read rides on its rate-limit decision, one round trip for both).
-- ARGV: op; now ('' = use Redis TIME, else one big-endian double of µs); then one string of
-- big-endian doubles: blockMicros, then per rule kind (0 bucket, 1 window), limit, periodMicros,
-- blockMicros, dryRun (0/1), points. Binary because tonumber() runs strtod on every decimal
-- argument and Redis builds one Lua string per argument: 3 arguments instead of 3 + 6 per rule.
-- State text: "1:a:b:blockedUntil" (format version 1). Returns {now (integer), previous
-- states…, next states…}, then, with a session key, its fields d, e, n (false when absent).
-- Numbers are Lua doubles: exact below 2^53 µs (year 2255); saturate at MAXV like Java's add().
-- Kept lean (it runs on every request; Redis's cost per call is measured in issue 18): no
-- function or table made per rule, integers formatted with %d (%.0f costs twice as much), each
-- state parsed once and formatted at most once; a state left as it was is answered as read.
local MAXV = 9223372036854775807 -- 2^63 as a double
local min, max = math.min, math.max
local op, now, nums = ARGV[1], ARGV[2], ARGV[3]
local consume = op == 'CONSUME'
-- The same numbers as decimal arguments, one each (3 + 6 per rule): slower, for tools whose
-- arguments cannot hold NUL bytes (redis-benchmark, in armet-bench's stores-vs-redis-benchmark.sh).
local decimal = #ARGV > 3
if decimal then
  local packed = {}
  for i = 3, #ARGV do packed[i - 2] = struct.pack('>d', tonumber(ARGV[i])) end
  nums = table.concat(packed)
end
if now == '' then
  local t = redis.call('TIME')
  now = t[1] * 1000000 + t[2]
elseif decimal then now = tonumber(now)
else now = struct.unpack('>d', now) end
local blockArg, at = struct.unpack('>d', nums)
local n = (#nums - 8) / 48
-- Sized once for one rule with a session (or two without): growing a table rehashes it. Redis
-- ends an array reply at the first nil, which trims the slots left over.
local reply = {now, false, false, false, false, false}
local plan = n > 1 and {} -- per rule: left as read if another rule refuses; PX ttl / 0 (DEL)
local refusedAny = false
for i = 1, n do
  local kind, limit, period, ruleBlock, dryRun, points
  kind, limit, period, ruleBlock, dryRun, points, at = struct.unpack('>dddddd', nums, at)
  local text = redis.call('GET', KEYS[i])
  reply[1 + i] = text
  local present, a, b, was = false, 0, 0, 0
  if text then -- an unknown format is absent, as LimitState.decode does
    local sa, sb, sk = string.match(text, '^1:(%-?%d+):(%-?%d+):(%-?%d+)$')
    if sa then present, a, b, was = true, tonumber(sa), tonumber(sb), tonumber(sk) end
  end
  local blocked, refused, keep, ends = was, false
  if kind == 0 then -- token bucket (GCRA)
    local tol, cost = min(limit * period, MAXV), min(points * period, MAXV)
    local tat = now
    if present and a > now then tat = a end
    if consume then
      if blocked > now or min(tat + cost, MAXV) - now > tol then
        refused = true
        if blocked <= now and ruleBlock > 0 then blocked = min(now + ruleBlock, MAXV) end
      else tat = min(tat + cost, MAXV) end
    elseif op == 'PENALTY' then tat = min(tat + cost, MAXV)
    elseif op == 'REWARD' then tat = max(now, tat - cost)
    elseif op == 'BLOCK' then blocked = max(blocked, min(now + blockArg, MAXV)) end
    keep = max(tat, blocked) > now
    a, b, ends = tat, 0, tat
  else -- fixed window
    local start, count = now, 0
    if present and now < min(a + period, MAXV) then start, count = a, b end
    if consume then
      if blocked > now or min(count + points, MAXV) > limit then
        refused = true
        if blocked <= now and ruleBlock > 0 then blocked = min(now + ruleBlock, MAXV) end
      else count = count + points end
    elseif op == 'PENALTY' then count = min(count + points, MAXV)
    elseif op == 'REWARD' then count = max(0, count - points)
    elseif op == 'BLOCK' then blocked = max(blocked, min(now + blockArg, MAXV)) end
    keep = count > 0 or blocked > now
    a, b, ends = start, count, min(start + period, MAXV)
  end
  local ok = not refused and blocked <= now
  if consume and not ok and dryRun ~= 1 then refusedAny = true end
  -- What to write: PX milliseconds (SET), 0 (DEL) or false (nothing). Refused by its own rule,
  -- nothing was spent: only a block it just earned (or a first state) is written.
  local ttl = false
  if op == 'DELETE' then keep, ttl = false, 0
  elseif op ~= 'GET' and (ok or not consume or (keep and (not present or blocked ~= was))) then
    ttl = 0
    if keep then ttl = max(1, min(math.ceil((max(ends, blocked) - now) / 1000), 9000000000000)) end
  end
  local next = false
  if keep then -- %d (a C long) is exact below 2^63; 2^63 itself (a saturated sum) needs %.0f
    if a < MAXV and a > -MAXV and b < MAXV and b > -MAXV and blocked < MAXV and blocked > -MAXV then
      next = string.format('1:%d:%d:%d', a, b, blocked)
    else next = string.format('1:%.0f:%.0f:%.0f', a, b, blocked) end
  end
  reply[1 + n + i] = next
  if n == 1 then -- no other rule can refuse: write now
    if ttl == 0 then redis.call('DEL', KEYS[i])
    elseif ttl then redis.call('SET', KEYS[i], next, 'PX', ttl) end
  else -- all-or-nothing: allowed here, the state stays as read if another rule refuses
    local same = false
    if consume and ok then same = present and text or true end
    plan[2 * i - 1], plan[2 * i] = same, ttl
  end
end
for i = 1, n > 1 and n or 0 do
  local same, ttl = plan[2 * i - 1], plan[2 * i]
  if same and refusedAny then reply[1 + n + i], ttl = same ~= true and same, false end
  if ttl == 0 then redis.call('DEL', KEYS[i])
  elseif ttl then redis.call('SET', KEYS[i], reply[1 + n + i], 'PX', ttl) end
end
if #KEYS > n then
  local f = redis.call('HMGET', KEYS[n + 1], 'd', 'e', 'n')
  reply[2 + 2 * n], reply[3 + 2 * n], reply[4 + 2 * n] = f[1], f[2], f[3]
else reply[2 + 2 * n] = nil end
return reply
