package dev.ebb.operator.dashboard;

import java.util.List;

/** One pool's page: its row, the last hour, the decision log (newest first) and its workers. */
public record PoolDetail(PoolRow row, HistorySeries history, List<LoggedDecision> decisions, List<WorkerRow> workers) {
}
