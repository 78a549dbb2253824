-- KEYS[1] the lease; ARGV[1] holder, ARGV[2] token. Deletes it only if still that grant.
local l = redis.call('HMGET', KEYS[1], 'h', 't')
if l[1] == ARGV[1] and l[2] == ARGV[2] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
