package dev.ebb.operator.simulate;

/** One sample per simulated second of a run: waiting jobs, replicas asked for, workers running a job. */
public record Timeline(int[] backlog, int[] replicas, int[] busy) {

  static Timeline ofLength(int seconds) {
    return new Timeline(new int[seconds], new int[seconds], new int[seconds]);
  }

  public int length() {
    return backlog.length;
  }

  void sample(int second, long backlog, int replicas, int busy) {
    this.backlog[second] = (int) Math.min(Integer.MAX_VALUE, backlog);
    this.replicas[second] = replicas;
    this.busy[second] = busy;
  }
}
