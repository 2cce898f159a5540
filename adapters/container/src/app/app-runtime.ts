import type { LogFields, Logger } from "@hotpatch/core";
import type { CredentialsProvider } from "@hotpatch/provider-alibaba";

/**
 * What the runtime hosting hotpatch knows that configuration cannot say: the URL the process was
 * given, credentials the platform rotates, fields for log lines. Entry points fill it in.
 */
export interface AppRuntime {
  /** The URL this process serves at: local download URLs use it when no public URL is configured. */
  serverUrl?: string;
  /** Credentials the platform refreshes (FC: each invocation's `context.credentials`). */
  alibabaCredentials?: CredentialsProvider;
  /** Fields every log line carries (FC: the function's name). */
  logBindings?: LogFields;
  /** Fields of the current invocation, read for each line (Lambda: the request id). */
  logContext?: () => LogFields | undefined;
  /**
   * The platform delivers drop-zone events itself (the FC OSS trigger, Lambda's S3 notification).
   * Otherwise objects put under `src/` through this process's store are ingested in-process.
   */
  platformTrigger?: boolean;
  /** Use this logger instead of the configured one (tests; a team's own logger). */
  logger?: Logger;
}
