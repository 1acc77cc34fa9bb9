<?php
// Laravel's own queue (Debian's php-illuminate-queue 8.x, php-illuminate-redis with php-redis), for LaravelScalerIT:
//   php laravel-queue.php push <port> <prefix> <queue> <count> <sleepMs> [delaySeconds]
//   php laravel-queue.php work <port> <prefix> <queue>
// Jobs are string jobs ("SleepJob@handle") so no application classes or composer autoloader are needed.
// With EBB_LARAVEL_PUSHED_AT=1 each payload gets Horizon's pushedAt field, set as Horizon's JobPayload::prepare sets
// it (str_replace(',', '.', microtime(true))), through Laravel's own payload hook: Horizon itself is not in Debian.
require_once 'Illuminate/Queue/autoload.php';
require_once 'Illuminate/Redis/autoload.php';
require_once 'Illuminate/Events/autoload.php';

use Illuminate\Container\Container;
use Illuminate\Contracts\Debug\ExceptionHandler;
use Illuminate\Events\Dispatcher;
use Illuminate\Queue\Capsule\Manager as Queue;
use Illuminate\Queue\Worker;
use Illuminate\Queue\WorkerOptions;
use Illuminate\Redis\RedisManager;

class SleepJob
{
    public function handle($job, $data)
    {
        usleep($data['ms'] * 1000);
        $job->delete();
    }
}

class RethrowingHandler implements ExceptionHandler
{
    public function report(Throwable $e) { fwrite(STDERR, $e . "\n"); }
    public function shouldReport(Throwable $e) { return true; }
    public function render($request, Throwable $e) { throw $e; }
    public function renderForConsole($output, Throwable $e) { fwrite(STDERR, $e . "\n"); }
}

[$script, $mode, $port, $prefix, $queueName] = $argv;
$container = new Container();
Container::setInstance($container);
$container->instance('redis', new RedisManager($container, 'phpredis', [
    'options' => ['prefix' => $prefix],
    'default' => ['host' => '127.0.0.1', 'port' => (int) $port, 'database' => 0],
]));
$container->instance(ExceptionHandler::class, new RethrowingHandler());
$events = new Dispatcher($container);
$container->instance('events', $events);

$queue = new Queue($container);
$queue->addConnection([
    'driver' => 'redis', 'connection' => 'default', 'queue' => $queueName, 'retry_after' => 90, 'block_for' => 1,
]);
$queue->setAsGlobal();

if (getenv('EBB_LARAVEL_PUSHED_AT') === '1') {
    \Illuminate\Queue\Queue::createPayloadUsing(fn () => ['pushedAt' => str_replace(',', '.', microtime(true))]);
}

if ($mode === 'push') {
    [, , , , , $count, $sleepMs] = $argv;
    $delay = $argv[7] ?? null;
    for ($i = 0; $i < (int) $count; $i++) {
        $data = ['ms' => (int) $sleepMs];
        $delay === null ? Queue::push('SleepJob@handle', $data, $queueName)
            : Queue::later((int) $delay, 'SleepJob@handle', $data, $queueName);
    }
    exit(0);
}

$worker = new Worker($queue->getQueueManager(), $events, $container->make(ExceptionHandler::class), fn () => false);
echo "working\n";
$worker->daemon('default', $queueName, new WorkerOptions('default', 0, 128, 60, 0, 1));
