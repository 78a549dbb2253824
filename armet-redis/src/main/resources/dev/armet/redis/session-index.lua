-- Cluster mode: adds a session to its user's index (KEYS[1], on its own slot) before the session
-- is written. ARGV: the session's key, its ttl (ms). The index's expiry only ever moves later,
-- so a short session never makes the index expire before a longer one of the same user.
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
