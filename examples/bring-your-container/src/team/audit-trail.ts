import type { LogFields, LogLevel, Logger } from "@hotpatch/core";

export interface AuditEntry {
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/** The team's own record of what happened — a stand-in for whatever logging the app already has. */
export class AuditTrail {
  readonly entries: AuditEntry[] = [];

  record(level: LogLevel, message: string, fields: LogFields = {}): void {
    this.entries.push({ level, message, fields });
  }
}

/**
 * hotpatch logs through its Logger port (core); this adapter sends its lines into the team's audit
 * trail, so an app keeps one log. Bound to hotpatch's LOGGER token in place of the configured logger.
 */
export function auditLogger(trail: AuditTrail, bindings: LogFields = {}): Logger {
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => trail.record(level, message, { source: "hotpatch", ...bindings, ...fields });
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), child: (more) => auditLogger(trail, { ...bindings, ...more }) };
}
