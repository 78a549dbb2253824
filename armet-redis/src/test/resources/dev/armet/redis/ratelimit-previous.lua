-- One rate-limit decision, atomically: the same arithmetic as armet-core's LimitArithmetic and
-- RateLimitCommand.apply (RateLimitStoreContract checks they agree).
-- KEYS: one per rule, then optionally a session hash to read in the same call (standalone
-- Redis: the request's session read rides on its rate-limit decision, one round trip for both).
-- ARGV: op, now (µs; '' = use Redis TIME), blockMicros, then per rule:
-- kind (0 bucket, 1 window), limit, periodMicros, blockMicros, dryRun (0/1), points.
-- State text: "1:a:b:blockedUntil" (format version 1). Returns {now (integer), previous
-- states…, next states…}, then, with a session key, its fields d, e, n (false when absent).
-- Numbers are Lua doubles: exact below 2^53 µs (year 2255); saturate at MAXV like Java's add().
-- Kept lean (it runs on every request): no tables per rule or state, each state parsed once and
-- formatted at most once; a state left as it was is answered with the text read.
local MAXV = 9223372036854775807
local op, blockArg = ARGV[1], tonumber(ARGV[3])
local consume = op == 'CONSUME'
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local function add(a, b) local r = a + b; if r >= MAXV then return MAXV end; return r end

local n = (#ARGV - 3) / 6
local raw, ka, kb, kk, na, nb, nk, ok = {}, {}, {}, {}, {}, {}, {}, {}
local refusedAny = false
for i = 1, n do
  local base = 3 + (i - 1) * 6
  local limit, period = tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local ruleBlock, points = tonumber(ARGV[base + 4]), tonumber(ARGV[base + 6])
  local text = redis.call('GET', KEYS[i])
  raw[i] = text
  local present, a, b, blocked = false, 0, 0, 0
  if text then
    local v, sa, sb, sk = string.match(text, '^(%d+):(%-?%d+):(%-?%d+):(%-?%d+)$')
    if v == '1' then -- an unknown format is absent, as LimitState.decode does
      present, a, b, blocked = true, tonumber(sa), tonumber(sb), tonumber(sk)
    end
  end
  ka[i], kb[i], kk[i] = present and a, b, blocked
  local refused, keep = false, false
  if ARGV[base + 1] == '0' then -- token bucket (GCRA)
    local tol = limit * period
    if tol >= MAXV then tol = MAXV end
    local cost = points * period
    if cost >= MAXV then cost = MAXV end
    local tat = now
    if present and a > now then tat = a end
    if consume then
      if blocked > now or add(tat, cost) - now > tol then
        refused = true
        if blocked <= now and ruleBlock > 0 then blocked = add(now, ruleBlock) end
      else tat = add(tat, cost) end
    elseif op == 'PENALTY' then tat = add(tat, cost)
    elseif op == 'REWARD' then tat = math.max(now, tat - cost)
    elseif op == 'BLOCK' then blocked = math.max(blocked, add(now, blockArg)) end
    keep = math.max(tat, blocked) > now
    a, b = tat, 0
  else -- fixed window
    local start, count = now, 0
    if present and now < add(a, period) then start, count = a, b end
    if consume then
      if blocked > now or add(count, points) > limit then
        refused = true
        if blocked <= now and ruleBlock > 0 then blocked = add(now, ruleBlock) end
      else count = count + points end
    elseif op == 'PENALTY' then count = add(count, points)
    elseif op == 'REWARD' then count = math.max(0, count - points)
    elseif op == 'BLOCK' then blocked = math.max(blocked, add(now, blockArg)) end
    keep = count > 0 or blocked > now
    a, b = start, count
  end
  if keep then na[i], nb[i], nk[i] = a, b, blocked else na[i] = false end
  ok[i] = not refused and blocked <= now
  if consume and not ok[i] and ARGV[base + 5] ~= '1' then refusedAny = true end
end

local reply = {now}
for i = 1, n do reply[1 + i] = raw[i] or false end
for i = 1, n do
  local write, same = true, false
  if op == 'DELETE' then na[i] = false
  elseif op == 'GET' then write = false
  elseif consume and not ok[i] then
    write = na[i] ~= false and (ka[i] == false or nk[i] ~= kk[i])
  elseif consume and refusedAny then write, same = false, true end
  local text = false
  if same then
    if ka[i] ~= false then text = raw[i] end -- all-or-nothing: the state stays as read
  elseif na[i] ~= false then
    text = string.format('1:%.0f:%.0f:%.0f', na[i], nb[i], nk[i])
  end
  if write then
    if text == false then redis.call('DEL', KEYS[i])
    else
      local ends = na[i]
      if ARGV[3 + (i - 1) * 6 + 1] == '1' then ends = add(na[i], tonumber(ARGV[3 + (i - 1) * 6 + 3])) end
      local ttl = math.ceil((math.max(ends, nk[i]) - now) / 1000)
      redis.call('SET', KEYS[i], text, 'PX', math.max(1, math.min(ttl, 9000000000000)))
    end
  end
  reply[1 + n + i] = text
end
if #KEYS > n then
  local f = redis.call('HMGET', KEYS[n + 1], 'd', 'e', 'n')
  reply[2 + 2 * n], reply[3 + 2 * n], reply[4 + 2 * n] = f[1], f[2], f[3]
end
return reply
