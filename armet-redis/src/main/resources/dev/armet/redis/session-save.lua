-- Saves one session if its stored version is the one the caller read (compare-and-set).
-- KEYS[1] the session hash, KEYS[2] (optional) its user's index set.
-- ARGV: data (versioned JSON), expiresAt (epoch ns, as the application clock says), ttl (ms),
-- the version to store, the version expected (0: no live session), now (epoch ns).
-- A hash past its expiry counts as absent; one written before versions existed is version 1.
-- Returns 1 if written, 0 if another write or a delete came first (nothing is changed then).
local held = redis.call('HMGET', KEYS[1], 'e', 'n')
local stored = 0
if held[1] and tonumber(held[1]) > tonumber(ARGV[6]) then stored = tonumber(held[2] or '1') end
if stored ~= tonumber(ARGV[5]) then return 0 end
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'e', ARGV[2], 'n', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if KEYS[2] then
  -- The index lives as long as the user's longest session: its expiry only ever moves later.
  for _, member in ipairs(redis.call('SRANDMEMBER', KEYS[2], 3)) do
    if redis.call('EXISTS', member) == 0 then redis.call('SREM', KEYS[2], member) end
  end
  redis.call('SADD', KEYS[2], KEYS[1])
  if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
end
return 1
