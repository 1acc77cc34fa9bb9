-- enqueue: add jobs at the producing end of the queue and count them.
-- KEYS[1] = ebb:{Q}:queue, KEYS[2] = ebb:{Q}:stats; ARGV = envelopes, oldest first
for i = 1, #ARGV do
  redis.call('LPUSH', KEYS[1], ARGV[i])
end
redis.call('HINCRBY', KEYS[2], 'enqueued', #ARGV)
return #ARGV
