-- dead-discard: delete dead letters.
-- KEYS[1] = ebb:{Q}:dead; ARGV = dead letters, exactly as stored. Returns the number deleted.
local n = 0
for i = 1, #ARGV do
  n = n + redis.call('LREM', KEYS[1], 1, ARGV[i])
end
return n
