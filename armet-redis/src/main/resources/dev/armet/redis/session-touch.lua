-- Moves a live session's expiry only: KEYS[1] the session hash; ARGV: expiresAt (epoch ns), ttl (ms).
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'e', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
