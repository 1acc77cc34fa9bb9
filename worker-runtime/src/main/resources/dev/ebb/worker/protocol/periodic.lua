-- periodic: enqueue one tick of a periodic job at most once, whichever worker gets there first.
-- KEYS[1] = ebb:{Q}:periodic, KEYS[2] = ebb:{Q}:queue, KEYS[3] = ebb:{Q}:stats
-- ARGV[1] = schedule name, ARGV[2] = tick (epoch ms), ARGV[3] = the job's envelope, or '' to pass the tick by
-- The hash holds each schedule's last tick (a worker adds a new schedule with HSETNX name <now>): a tick that is not
-- after it was taken already. Returns 1 when this call enqueued the job, else 0.
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) <= last then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] == '' then return 0 end
redis.call('LPUSH', KEYS[2], ARGV[3])
redis.call('HINCRBY', KEYS[3], 'enqueued', 1)
return 1
