-- Saves one session: KEYS[1] the session hash, KEYS[2] (optional) its user's index set.
-- ARGV: data (versioned JSON), expiresAt (epoch ns, as the application clock says), ttl (ms).
-- The index lives as long as the user's longest session; a few dead members are pruned per save.
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if KEYS[2] then
  for _, member in ipairs(redis.call('SRANDMEMBER', KEYS[2], 3)) do
    if redis.call('EXISTS', member) == 0 then redis.call('SREM', KEYS[2], member) end
  end
  redis.call('SADD', KEYS[2], KEYS[1])
  if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
end
return 1
