-- KEYS[1] the lease (hash h=holder, t=token), KEYS[2] its token counter (never expires)
-- ARGV[1] holder, ARGV[2] time to live in ms. Returns the token, or 0 while another holds it.
local h = redis.call('HGET', KEYS[1], 'h')
if h == false then
  local t = redis.call('INCR', KEYS[2])
  redis.call('HSET', KEYS[1], 'h', ARGV[1], 't', t)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return t
end
if h == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('HGET', KEYS[1], 't'))
end
return 0
