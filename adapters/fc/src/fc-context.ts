/**
 * The `context` FC passes every handler (platforms.md §1.5). `credentials` are the STS credentials of the
 * function's role, present only when a role is configured; they rotate, so read them per invocation.
 */
export interface FcContext {
  requestId: string;
  credentials?: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  function?: { name: string; handler: string; memory: number; timeout: number; initializer?: string; initializationTimeout?: number };
  service?: { name?: string; logProject?: string; logStore?: string; qualifier?: string; versionId?: string };
  /** Bare region, e.g. `cn-hangzhou`. */
  region?: string;
  accountId?: string;
  logger?: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void; log(m: string): void };
}

/** What FC hands an event handler: a Buffer of the raw payload (strings and objects in local runs and tests). */
export type FcEvent = Buffer | Uint8Array | string | object;
