import { EventLog, type EventLogOptions, type LogView } from "../log/event-log.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import type { HistoryEvent, HistoryState } from "./history-events.js";
import { historyReducer } from "./history-reducer.js";

/** One cached event log per deployment, under `deployments/<deploymentId>/`. */
export class DeploymentHistories {
  private readonly logs = new Map<string, EventLog<HistoryEvent, HistoryState>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly options: EventLogOptions = {},
  ) {}

  log(deploymentId: string): EventLog<HistoryEvent, HistoryState> {
    let log = this.logs.get(deploymentId);
    if (!log) {
      log = new EventLog(this.store, `deployments/${deploymentId}/`, historyReducer, this.options);
      this.logs.set(deploymentId, log);
    }
    return log;
  }

  read(deploymentId: string, maxAgeMs = 0): Promise<LogView<HistoryState>> {
    return this.log(deploymentId).read(maxAgeMs);
  }

  forget(deploymentId: string): void {
    this.logs.delete(deploymentId);
  }
}
