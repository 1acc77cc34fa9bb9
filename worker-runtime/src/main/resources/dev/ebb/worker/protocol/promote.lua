-- promote: move due jobs from the retry or scheduled set to the producing end of the queue.
-- KEYS[1] = ebb:{Q}:retry or ebb:{Q}:scheduled, KEYS[2] = ebb:{Q}:queue; ARGV[1] = now, epoch ms; ARGV[2] = max jobs
-- Atomic: when several workers poll at once, each due job is moved by exactly one of them.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, job in ipairs(due) do
  redis.call('ZREM', KEYS[1], job)
  redis.call('LPUSH', KEYS[2], job)
end
return #due
