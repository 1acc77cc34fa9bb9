-- reclaim: hand back the jobs of a worker whose heartbeat expired. Run by any live worker.
-- KEYS[1] = ebb:{Q}:worker:<deadId>, KEYS[2] = ebb:{Q}:inflight:<deadId>, KEYS[3] = ebb:{Q}:queue,
-- KEYS[4] = ebb:{Q}:workers, KEYS[5] = ebb:{Q}:stats; ARGV[1] = deadId
-- Returns -1 when the worker is alive (its heartbeat hash exists), else the number of jobs handed back.
-- Atomic: when two workers race, the first moves the jobs and the second finds an empty list.
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local n = 0
while redis.call('LMOVE', KEYS[2], KEYS[3], 'LEFT', 'RIGHT') do n = n + 1 end
redis.call('ZREM', KEYS[4], ARGV[1])
if n > 0 then redis.call('HINCRBY', KEYS[5], 'reclaimed', n) end
return n
