-- KEYS[1] the record (hash v=base64 value, t=token), KEYS[2] the fence's token counter or ''
-- ARGV[1] base64 value, ARGV[2] the fence's token ('0': unfenced).
-- A fenced write lands only if no lease was granted under that name since the fence's.
if ARGV[2] ~= '0' and redis.call('GET', KEYS[2]) ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 't', ARGV[2])
return 1
