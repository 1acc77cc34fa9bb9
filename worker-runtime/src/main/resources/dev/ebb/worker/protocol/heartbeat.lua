-- heartbeat: write this worker's hash with a TTL and its entry in the workers set; read its epoch.
-- KEYS[1] = ebb:{Q}:worker:<workerId>, KEYS[2] = ebb:{Q}:workers, KEYS[3] = ebb:{Q}:reclaimed,
-- KEYS[4] = ebb:{Q}:epoch:<workerId>
-- ARGV[1] = workerId, ARGV[2] = now (epoch ms), ARGV[3] = TTL ms, ARGV[4..] = field, value, field, value, ...
-- A worker that was reclaimed while it hung (e.g. SIGSTOP) and beats again is live again: it leaves reclaimed.
-- Returns the worker's epoch (how often a peer reclaimed its in-flight list; 0 when never): its fetches from now on
-- carry it as their token. The epoch key lives while the worker beats (and a day after its last beat).
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[4], 86400000)
return tonumber(redis.call('GET', KEYS[4]) or '0')
