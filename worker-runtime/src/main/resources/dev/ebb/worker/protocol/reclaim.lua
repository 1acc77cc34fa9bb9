-- reclaim: hand back the jobs of a worker whose heartbeat expired. Run by any live worker.
-- KEYS[1] = ebb:{Q}:worker:<deadId>, KEYS[2] = ebb:{Q}:inflight:<deadId>, KEYS[3] = ebb:{Q}:queue,
-- KEYS[4] = ebb:{Q}:workers, KEYS[5] = ebb:{Q}:stats, KEYS[6] = ebb:{Q}:reclaimed, KEYS[7] = ebb:{Q}:epoch:<deadId>
-- ARGV[1] = deadId, ARGV[2] = now (epoch ms)
-- Returns -1 when the worker is alive (its heartbeat hash exists), else the number of jobs handed back.
-- Atomic: when two workers race, the first moves the jobs and the second finds an empty list.
-- The worker moves from workers to reclaimed with the score of its last beat, so the operator still sees it (its pod
-- is the id's text before the first ':'). reclaimed keeps the last 24 h, and of those the newest 1,000.
-- Moving jobs advances the worker's epoch: should it only have hung and run again, its acks and failures of the jobs
-- it fetched before carry the old epoch and change nothing (the jobs are back in the queue, maybe in its list again).
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local n = 0
while redis.call('LMOVE', KEYS[2], KEYS[3], 'LEFT', 'RIGHT') do n = n + 1 end
local lastBeat = redis.call('ZSCORE', KEYS[4], ARGV[1])
if lastBeat then
  redis.call('ZREM', KEYS[4], ARGV[1])
  redis.call('ZADD', KEYS[6], lastBeat, ARGV[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', tonumber(ARGV[2]) - 86400000)
  redis.call('ZREMRANGEBYRANK', KEYS[6], 0, -1001)
end
if n > 0 then
  redis.call('INCR', KEYS[7])
  redis.call('PEXPIRE', KEYS[7], 86400000)
  redis.call('HINCRBY', KEYS[5], 'reclaimed', n)
end
return n
