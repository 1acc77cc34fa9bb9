// BullMQ's own Queue and Worker (from npm, see package.json), for BullMqScalerIT:
//   node bullmq-fixture.mjs add <port> <prefix> <queue> <count> <sleepMs> [delayMs] [priority]
//   node bullmq-fixture.mjs work <port> <prefix> <queue> <concurrency>
// The worker keeps metrics (so bull:<queue>:metrics:completed counts completions) and closes on SIGTERM, as an app
// should (worker.close() lets running jobs finish).
import { Queue, Worker } from 'bullmq';

const [mode, port, prefix, name, ...rest] = process.argv.slice(2);
const connection = { host: '127.0.0.1', port: Number(port) };

if (mode === 'add') {
  const [count, sleepMs, delay, priority] = rest.map(Number);
  const queue = new Queue(name, { connection, prefix });
  for (let i = 0; i < count; i++) {
    const opts = {};
    if (delay) opts.delay = delay;
    if (priority) opts.priority = priority;
    await queue.add('sleep', { ms: sleepMs }, opts);
  }
  await queue.close();
} else if (mode === 'work') {
  const worker = new Worker(name, async job => {
    await new Promise(resolve => setTimeout(resolve, job.data.ms));
    return job.data.ms;
  }, { connection, prefix, concurrency: Number(rest[0]), metrics: { maxDataPoints: 60 } });
  await worker.waitUntilReady();
  process.on('SIGTERM', async () => {
    await worker.close();
    process.exit(0);
  });
  console.log('working');
} else {
  console.error('usage: add|work ...');
  process.exit(2);
}
