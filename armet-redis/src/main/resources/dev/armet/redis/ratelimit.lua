-- One rate-limit decision, atomically: the same arithmetic as armet-core's LimitArithmetic and
-- RateLimitCommand.apply (RateLimitStoreContract checks they agree).
-- KEYS: one per rule, then optionally a session hash to read in the same call (standalone
-- Redis: the request's session read rides on its rate-limit decision, one round trip for both).
-- ARGV: op, now (µs; '' = use Redis TIME), blockMicros, then per rule:
-- kind (0 bucket, 1 window), limit, periodMicros, blockMicros, dryRun (0/1), points.
-- State text: "1:a:b:blockedUntil" (format version 1). Returns {now, previous states…, next
-- states…}, then, with a session key, its fields d, e, n (false when absent).
-- Numbers are Lua doubles: exact below 2^53 µs (year 2255); saturate at MAXV like Java's add().
local MAXV = 9223372036854775807
local op, blockArg = ARGV[1], tonumber(ARGV[3])
local now = tonumber(ARGV[2])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local function add(a, b) local r = a + b; if r >= MAXV then return MAXV end; return r end
local function mul(a, b) local r = a * b; if r >= MAXV then return MAXV end; return r end
local function parse(text)
  if not text then return nil end
  local v, a, b, blk = string.match(text, '^(%d+):(%-?%d+):(%-?%d+):(%-?%d+)$')
  if v ~= '1' then return nil end -- unknown format: absent, as LimitState.decode does
  return {tonumber(a), tonumber(b), tonumber(blk)}
end
local function fmt(s) return string.format('1:%.0f:%.0f:%.0f', s[1], s[2], s[3]) end

local function bucket(r, s)
  local t, tol = r.period, mul(r.limit, r.period)
  local tat = s and math.max(s[1], now) or now
  local blocked = s and s[3] or 0
  local cost = mul(r.points, t)
  local refused = false
  if op == 'CONSUME' then
    if blocked > now or add(tat, cost) - now > tol then
      refused = true
      if blocked <= now and r.block > 0 then blocked = add(now, r.block) end
    else tat = add(tat, cost) end
  elseif op == 'PENALTY' then tat = add(tat, cost)
  elseif op == 'REWARD' then tat = math.max(now, tat - cost)
  elseif op == 'BLOCK' then blocked = math.max(blocked, add(now, blockArg)) end
  local nxt = nil
  if math.max(tat, blocked) > now then nxt = {tat, 0, blocked} end
  return nxt, not refused and blocked <= now
end

local function window(r, s)
  local w = r.period
  local fresh = (s == nil) or now >= add(s[1], w)
  local start, count = now, 0
  if not fresh then start, count = s[1], s[2] end
  local blocked = s and s[3] or 0
  local refused = false
  if op == 'CONSUME' then
    if blocked > now or add(count, r.points) > r.limit then
      refused = true
      if blocked <= now and r.block > 0 then blocked = add(now, r.block) end
    else count = count + r.points end
  elseif op == 'PENALTY' then count = add(count, r.points)
  elseif op == 'REWARD' then count = math.max(0, count - r.points)
  elseif op == 'BLOCK' then blocked = math.max(blocked, add(now, blockArg)) end
  local nxt = nil
  if count > 0 or blocked > now then nxt = {start, count, blocked} end
  return nxt, not refused and blocked <= now
end

local n = (#ARGV - 3) / 6
local rules, cur, nxt, ok, raw = {}, {}, {}, {}, {}
local refusedAny = false
for i = 1, n do
  local base = 3 + (i - 1) * 6
  local r = {kind = ARGV[base + 1], limit = tonumber(ARGV[base + 2]), period = tonumber(ARGV[base + 3]),
             block = tonumber(ARGV[base + 4]), dry = ARGV[base + 5] == '1', points = tonumber(ARGV[base + 6])}
  rules[i] = r
  raw[i] = redis.call('GET', KEYS[i])
  cur[i] = parse(raw[i])
  if r.kind == '0' then nxt[i], ok[i] = bucket(r, cur[i]) else nxt[i], ok[i] = window(r, cur[i]) end
  if op == 'CONSUME' and not ok[i] and not r.dry then refusedAny = true end
end

local reply = {string.format('%.0f', now)}
for i = 1, n do reply[1 + i] = raw[i] or false end
for i = 1, n do
  local write = true
  if op == 'DELETE' then nxt[i] = nil
  elseif op == 'GET' then write = false
  elseif op == 'CONSUME' and not ok[i] then
    write = nxt[i] ~= nil and (cur[i] == nil or nxt[i][3] ~= cur[i][3])
  elseif op == 'CONSUME' and refusedAny then write = false; nxt[i] = cur[i] end
  if write then
    if nxt[i] == nil then redis.call('DEL', KEYS[i])
    else
      local s, r = nxt[i], rules[i]
      local ends = s[1]
      if r.kind == '1' then ends = add(s[1], r.period) end
      local ttl = math.ceil((math.max(ends, s[3]) - now) / 1000)
      redis.call('SET', KEYS[i], fmt(s), 'PX', math.max(1, math.min(ttl, 9000000000000)))
    end
  end
  if nxt[i] == nil then reply[1 + n + i] = false else reply[1 + n + i] = fmt(nxt[i]) end
end
if #KEYS > n then
  local f = redis.call('HMGET', KEYS[n + 1], 'd', 'e', 'n')
  reply[2 + 2 * n], reply[3 + 2 * n], reply[4 + 2 * n] = f[1], f[2], f[3]
end
return reply
