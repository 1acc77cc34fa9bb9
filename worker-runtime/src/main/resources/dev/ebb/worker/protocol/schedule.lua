-- schedule: add jobs to the scheduled set (delayed enqueue) and count them as enqueued.
-- KEYS[1] = ebb:{Q}:scheduled, KEYS[2] = ebb:{Q}:stats; ARGV = due1, envelope1, due2, envelope2, ...
for i = 1, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('HINCRBY', KEYS[2], 'enqueued', #ARGV / 2)
return #ARGV / 2
