"""Celery's own client and worker (Debian's python3-celery 5.2 with kombu's Redis transport), for CeleryScalerIT.

    python3 ebb_celery_fixture.py push <port> <queue> <count> <sleepMs> [priority]
    python3 -m celery -A ebb_celery_fixture worker -Q <queue> ...   (with EBB_REDIS_PORT=<port>)

Tasks are acknowledged late (task_acks_late) so that kombu's unacked hash holds exactly the tasks a worker runs
or has prefetched; EBB_CELERY_ACKS_LATE=0 keeps Celery's default early ack instead.
"""
import os
import sys
import time

from celery import Celery

app = Celery("ebb_celery_fixture",
             broker="redis://127.0.0.1:%s/0" % os.environ.get("EBB_REDIS_PORT", "6379"))
app.conf.task_acks_late = os.environ.get("EBB_CELERY_ACKS_LATE", "1") == "1"
app.conf.worker_prefetch_multiplier = 1
app.conf.broker_connection_retry_on_startup = True
# kombu transport options an app may change: EBB_CELERY_PRIORITY_STEPS="0,1,2", EBB_CELERY_KEYPREFIX="shop:"
_options = {}
if os.environ.get("EBB_CELERY_PRIORITY_STEPS"):
    _options["priority_steps"] = [int(s) for s in os.environ["EBB_CELERY_PRIORITY_STEPS"].split(",")]
if os.environ.get("EBB_CELERY_KEYPREFIX"):
    _options["global_keyprefix"] = os.environ["EBB_CELERY_KEYPREFIX"]
app.conf.broker_transport_options = _options


@app.task(name="ebb.sleep")
def sleep(ms):
    time.sleep(ms / 1000.0)
    return ms


if __name__ == "__main__":
    _, mode, port, queue, count, ms, *rest = sys.argv
    assert mode == "push"
    app.conf.broker_url = "redis://127.0.0.1:%s/0" % port
    for _ in range(int(count)):
        options = {"queue": queue}
        if rest:
            options["priority"] = int(rest[0])
        sleep.apply_async((int(ms),), **options)
