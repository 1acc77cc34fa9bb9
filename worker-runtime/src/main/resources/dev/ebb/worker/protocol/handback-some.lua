-- handback-some: return the given jobs (if still in this worker's in-flight list) to the front of the queue.
-- KEYS[1] = ebb:{Q}:inflight:<workerId>, KEYS[2] = ebb:{Q}:queue; ARGV = envelopes, newest first
local n = 0
for i = 1, #ARGV do
  if redis.call('LREM', KEYS[1], -1, ARGV[i]) == 1 then
    redis.call('RPUSH', KEYS[2], ARGV[i])
    n = n + 1
  end
end
return n
