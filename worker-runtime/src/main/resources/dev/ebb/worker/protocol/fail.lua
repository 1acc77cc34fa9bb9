-- fail: one attempt failed; move the job from the in-flight list to the retry set or the dead-letter list.
-- KEYS[1] = ebb:{Q}:inflight:<workerId>, KEYS[2] = ebb:{Q}:stats, KEYS[3] = ebb:{Q}:retry, KEYS[4] = ebb:{Q}:dead,
-- KEYS[5] = ebb:{Q}:epoch:<workerId>
-- ARGV[1] = element as fetched, ARGV[2] = 'retry' | 'dead', ARGV[3] = the new envelope (next attempt, or with error),
-- ARGV[4] = due time, epoch ms (retry only), ARGV[5] = dead-letter cap (dead only), ARGV[6] = the fetch token (epoch)
-- Returns 1; 0 when the job was no longer in the list (handed back: it will run again; nothing changes); -1 when a
-- peer reclaimed the list since the fetch (as in ack: nothing changes, an equal element belongs to a later fetch).
if (redis.call('GET', KEYS[5]) or '0') ~= ARGV[6] then return -1 end
if redis.call('LREM', KEYS[1], -1, ARGV[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[2], 'failed', 1)
if ARGV[2] == 'retry' then
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
  redis.call('HINCRBY', KEYS[2], 'retried', 1)
else
  redis.call('LPUSH', KEYS[4], ARGV[3])
  redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[5]) - 1)
  redis.call('HINCRBY', KEYS[2], 'dead', 1)
end
return 1
