-- ack: jobs finished successfully; remove them from the in-flight list and count the ones still owned.
-- KEYS[1] = ebb:{Q}:inflight:<workerId>, KEYS[2] = ebb:{Q}:stats; ARGV = envelopes, exactly as fetched
-- A job no longer in the list was handed back or reclaimed meanwhile: it will run again, so it is not counted.
local acked = 0
for i = 1, #ARGV do
  acked = acked + redis.call('LREM', KEYS[1], -1, ARGV[i])
end
if acked > 0 then redis.call('HINCRBY', KEYS[2], 'completed', acked) end
return acked
