import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Context } from "aws-lambda";
import { lambdaContext } from "./lambda-context.js";

/** Any Lambda handler, as the endpoint calls it. */
export type InvocableHandler = (event: never, context: Context) => Promise<unknown>;

export interface InvocationRecord {
  functionName: string;
  invocationType: string;
  status: number;
  functionError?: string;
}

export interface LocalInvokeEndpoint {
  endpoint: string;
  /** Every invocation, in order of completion. */
  invocations: InvocationRecord[];
  /** Resolves when asynchronous (`Event`) invocations have finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Lambda's payload limits: 6 MB for synchronous requests and responses, 1 MB for asynchronous events. */
const SYNC_LIMIT = 6 * 1024 * 1024;
const ASYNC_LIMIT = 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * A small server speaking the Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`) that
 * runs the given handlers in-process, as Lambda would: `RequestResponse` → 200 with the JSON result, or
 * 200 with `X-Amz-Function-Error: Unhandled` and `{errorType, errorMessage, trace}` when the handler
 * throws; `Event` → 202 and the handler runs afterwards; `DryRun` → 204. Unknown function → 404
 * `ResourceNotFoundException`; oversized payloads → 413 `RequestTooLargeException`; unsigned → 403.
 */
export async function startLocalInvokeEndpoint(functions: Record<string, InvocableHandler>, region = "us-east-1"): Promise<LocalInvokeEndpoint> {
  const invocations: InvocationRecord[] = [];
  const background = new Set<Promise<void>>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => apiError(res, 500, "ServiceException", String(error)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://invoke");
    const match = INVOKE_PATH.exec(url.pathname);
    const payload = await readBody(req);
    if (req.method !== "POST" || !match) return apiError(res, 404, "UnknownOperationException", `no operation at ${req.method} ${url.pathname}`);
    if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 ")) {
      return apiError(res, 403, "MissingAuthenticationTokenException", "requests must be signed with SigV4");
    }
    const functionName = decodeURIComponent(match[1] ?? "").split(":").pop() ?? "";
    const handler = functions[functionName];
    if (!handler) return apiError(res, 404, "ResourceNotFoundException", `Function not found: arn:aws:lambda:${region}:123456789012:function:${functionName}`);
    const invocationType = String(req.headers["x-amz-invocation-type"] ?? "RequestResponse");
    if (payload.byteLength > (invocationType === "Event" ? ASYNC_LIMIT : SYNC_LIMIT)) {
      return apiError(res, 413, "RequestTooLargeException", `request payload of ${payload.byteLength} bytes exceeds the limit`);
    }
    let event: unknown;
    try {
      event = payload.byteLength === 0 ? {} : JSON.parse(payload.toString("utf8"));
    } catch {
      return apiError(res, 400, "InvalidRequestContentException", "could not parse request body into json");
    }
    const run = () => runHandler(handler as (event: unknown, context: Context) => Promise<unknown>, event, lambdaContext(functionName, region));

    if (invocationType === "DryRun") {
      invocations.push({ functionName, invocationType, status: 204 });
      return reply(res, 204, {}, "");
    }
    if (invocationType === "Event") {
      const job = run().then((outcome) => {
        invocations.push({ functionName, invocationType, status: 202, ...(outcome.error ? { functionError: "Unhandled" } : {}) });
      });
      background.add(job);
      void job.finally(() => background.delete(job));
      return reply(res, 202, {}, "");
    }
    const outcome = await run();
    let body = outcome.error ? JSON.stringify(outcome.error) : JSON.stringify(outcome.result ?? null);
    let functionError = outcome.error ? "Unhandled" : undefined;
    if (Buffer.byteLength(body) > SYNC_LIMIT) {
      functionError = "Unhandled";
      body = JSON.stringify({ errorType: "Function.ResponseSizeTooLarge", errorMessage: `Response payload size exceeded maximum allowed payload size (${SYNC_LIMIT} bytes).` });
    }
    invocations.push({ functionName, invocationType, status: 200, ...(functionError ? { functionError } : {}) });
    return reply(res, 200, { "x-amz-executed-version": "$LATEST", ...(functionError ? { "x-amz-function-error": functionError } : {}) }, body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const idle = async (): Promise<void> => {
    while (background.size > 0) await Promise.allSettled([...background]);
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    invocations,
    idle,
    async close() {
      await idle();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

interface Outcome {
  result?: unknown;
  error?: { errorType: string; errorMessage: string; trace: string[] };
}

async function runHandler(handler: (event: unknown, context: Context) => Promise<unknown>, event: unknown, context: Context): Promise<Outcome> {
  try {
    return { result: await handler(event, context) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { error: { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? "").split("\n") } };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { "content-type": "application/json", "x-amzn-requestid": randomUUID(), "content-length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** Service errors as the Lambda API sends them: the type in `x-amzn-ErrorType`, `{Type, message}` as body. */
function apiError(res: ServerResponse, status: number, type: string, message: string): void {
  if (res.headersSent) return void res.destroy();
  reply(res, status, { "x-amzn-errortype": type }, JSON.stringify({ Type: status >= 500 ? "Service" : "User", message }));
}
