-- fetch: move up to ARGV[1] jobs from the consuming end of the queue into this worker's in-flight list.
-- KEYS[1] = ebb:{Q}:queue, KEYS[2] = ebb:{Q}:inflight:<workerId>; ARGV[1] = max jobs (>= 1)
-- Returns the moved envelopes, oldest first. Each job is moved by one LMOVE: it is never in both lists.
local moved = {}
for i = 1, tonumber(ARGV[1]) do
  local job = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not job then break end
  moved[i] = job
end
return moved
