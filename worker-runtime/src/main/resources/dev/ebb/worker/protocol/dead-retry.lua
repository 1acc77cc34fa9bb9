-- dead-retry: put dead letters back in the queue as new jobs (an operator's retry).
-- KEYS[1] = ebb:{Q}:dead, KEYS[2] = ebb:{Q}:queue, KEYS[3] = ebb:{Q}:stats
-- ARGV = dead letter 1 (exactly as stored), its new envelope 1 (attempt 1, enqueuedAt now), dead letter 2, ...
-- A dead letter another admin retried or discarded meanwhile is skipped, so each one goes back at most once.
-- Returns the number put back; they count as enqueued.
local n = 0
for i = 1, #ARGV, 2 do
  if redis.call('LREM', KEYS[1], 1, ARGV[i]) == 1 then
    redis.call('LPUSH', KEYS[2], ARGV[i + 1])
    n = n + 1
  end
end
if n > 0 then redis.call('HINCRBY', KEYS[3], 'enqueued', n) end
return n
