-- retire: a worker that stopped cleanly (after handback) removes its heartbeat.
-- KEYS[1] = ebb:{Q}:worker:<workerId>, KEYS[2] = ebb:{Q}:workers, KEYS[3] = ebb:{Q}:epoch:<workerId>
-- ARGV[1] = workerId
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
