-- ack: jobs finished successfully; remove them from the in-flight list and count them.
-- KEYS[1] = ebb:{Q}:inflight:<workerId>, KEYS[2] = ebb:{Q}:stats, KEYS[3] = ebb:{Q}:epoch:<workerId>
-- ARGV[1] = the fetch token: the worker's epoch when it fetched these jobs; ARGV[2..] = the elements, exactly as fetched
-- Returns the number acked, or -1 when a peer reclaimed this worker's in-flight list since the fetch (the epoch moved
-- on): those jobs went back to the queue and run again, and an equal element still in the list belongs to a later
-- fetch, so nothing is removed. A job no longer in the list (handed back meanwhile) is not counted.
if (redis.call('GET', KEYS[3]) or '0') ~= ARGV[1] then return -1 end
local acked = 0
for i = 2, #ARGV do
  acked = acked + redis.call('LREM', KEYS[1], -1, ARGV[i])
end
if acked > 0 then redis.call('HINCRBY', KEYS[2], 'completed', acked) end
return acked
