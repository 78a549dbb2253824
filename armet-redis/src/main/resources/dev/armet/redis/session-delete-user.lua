-- "Log out everywhere": KEYS[1] the user's index set; deletes every session it names, then itself.
local n = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do n = n + redis.call('DEL', member) end
redis.call('DEL', KEYS[1])
return n
