-- handback: return every job of this worker's in-flight list to the consuming end (front) of the queue.
-- KEYS[1] = ebb:{Q}:inflight:<workerId>, KEYS[2] = ebb:{Q}:queue
-- The oldest fetched job ends up at the very front. Returns the number of jobs handed back.
local n = 0
while redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT') do n = n + 1 end
return n
