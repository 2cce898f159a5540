import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, type EmulatorAccount } from "./authenticate.js";
import { getBucketVersioning, listObjectsV2 } from "./bucket-operations.js";
import { EmulatedBucket, type BucketConfig, type EmulatedObject, type VersioningStatus } from "./emulated-bucket.js";
import { copyObject, deleteObject, getObject, putObject, type EmulatorRequest, type EmulatorResponse } from "./object-operations.js";
import { OssEmulatorError, ossErrors } from "./oss-error.js";
import { parseTarget, queryValue } from "./request-target.js";
import { objectCreatedPayload } from "./trigger-event.js";

/** An OSS trigger on the emulated bucket: created objects matching prefix/suffix are delivered to `deliver`. */
export interface EmulatorTrigger {
  bucket?: string;
  prefix?: string;
  suffix?: string;
  /**
   * Receives the Buffer FC would pass the function. Called before the creating request is answered (the
   * real service is asynchronous; delivering early lets tests wait for the work it starts).
   */
  deliver(payload: Buffer): void;
}

export interface OssEmulatorOptions {
  /** Bare region, also the V4 signing region (default `cn-hangzhou`). */
  region?: string;
  /** Default: one account `EMULATORKEYID` / `emulator-secret`. */
  accounts?: EmulatorAccount[];
  /** Default: one bucket `hotpatch-test`. */
  buckets?: Array<string | BucketConfig>;
  triggers?: EmulatorTrigger[];
  /** The emulator's clock (signature time windows, Last-Modified). */
  now?: () => number;
}

export interface OssEmulator {
  /** `http://localhost:<port>`: use with ali-oss `endpoint` + path-style (`sldEnable`) so presigned URLs work. */
  url: string;
  /** `http://127.0.0.1:<port>`: ali-oss then sends the bucket in a made-up Host header (virtual-host style). */
  ipUrl: string;
  port: number;
  region: string;
  accounts: EmulatorAccount[];
  bucket(name: string): EmulatedBucket;
  setVersioning(bucket: string, status: VersioningStatus | undefined): void;
  /** How many requests were answered, by status; lets tests prove that work reached the wire. */
  statuses(): Map<number, number>;
  close(): Promise<void>;
}

export const DEFAULT_EMULATOR_ACCOUNT: EmulatorAccount = { accessKeyId: "EMULATORKEYID", accessKeySecret: "emulator-secret" };
const ACCOUNT_ID = "1234567890123456";
/** Real objects go up to 5 GB; tests stay far below. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * An OSS stand-in on 127.0.0.1 for tests (no OSS emulator exists on npm). It verifies signature V1 and V4
 * (headers and presigned URLs, 15-minute window), answers OSS's XML errors (HEAD errors as a bare status
 * plus `x-oss-err`), and behaves like the real service where hotpatch depends on it:
 * `x-oss-forbid-overwrite: true` → 409 FileAlreadyExists (ignored on versioned buckets), any `If-*` on a
 * PUT → 400 NotImplemented, ListObjectsV2 paging (≤ 1000 keys), CopyObject, DeleteObject → 204, user
 * metadata, GET/HEAD conditionals.
 */
export async function startOssEmulator(options: OssEmulatorOptions = {}): Promise<OssEmulator> {
  const region = options.region ?? "cn-hangzhou";
  const now = options.now ?? Date.now;
  const accounts = options.accounts ?? [DEFAULT_EMULATOR_ACCOUNT];
  const accountMap = new Map(accounts.map((account) => [account.accessKeyId, account]));
  const buckets = new Map<string, EmulatedBucket>();
  for (const config of options.buckets ?? ["hotpatch-test"]) {
    const bucket = new EmulatedBucket(typeof config === "string" ? { name: config } : config);
    buckets.set(bucket.name, bucket);
  }
  const triggers = options.triggers ?? [];
  const statuses = new Map<number, number>();

  const notify = (operation: "PutObject" | "CopyObject", bucket: EmulatedBucket, object: EmulatedObject, requestId: string): void => {
    for (const trigger of triggers) {
      if (trigger.bucket !== undefined && trigger.bucket !== bucket.name) continue;
      if (!object.key.startsWith(trigger.prefix ?? "") || !object.key.endsWith(trigger.suffix ?? "")) continue;
      trigger.deliver(objectCreatedPayload(operation, object, { region, accountId: ACCOUNT_ID, bucket: bucket.name, requestId, sourceIp: "127.0.0.1" }));
    }
  };

  const dispatch = (request: EmulatorRequest, rawUrl: string, requestId: string): EmulatorResponse => {
    const target = parseTarget(rawUrl, request.headers.host, (name) => buckets.has(name));
    if (target.bucket === undefined) throw ossErrors.unsupported("ListBuckets");
    const bucket = buckets.get(target.bucket);
    if (!bucket) throw ossErrors.noSuchBucket(target.bucket);
    const who = authenticate(request, target, { accounts: accountMap, region, now });
    const key = target.key;
    if (who === "anonymous" && !(bucket.publicRead && key !== undefined && (request.method === "GET" || request.method === "HEAD"))) {
      throw ossErrors.accessDenied("You have no right to access this object because of bucket acl.");
    }
    if (key === undefined) {
      if (request.method === "GET" && queryValue(target.query, "versioning") !== undefined) return getBucketVersioning(bucket);
      if (request.method === "GET" && queryValue(target.query, "list-type") === "2") return listObjectsV2(bucket, target.query);
      throw ossErrors.unsupported(`${request.method} on a bucket with this query`);
    }
    if (Buffer.byteLength(key, "utf8") > 1023) throw new OssEmulatorError(400, "InvalidObjectName", "The specified object name is too long.");
    switch (request.method) {
      case "PUT": {
        const copying = request.headers["x-oss-copy-source"] !== undefined;
        const { response, created } = copying ? copyObject(buckets, bucket, key, request, new Date(now())) : putObject(bucket, key, request, new Date(now()));
        if (response.status === 200) notify(copying ? "CopyObject" : "PutObject", bucket, created, requestId);
        return response;
      }
      case "GET":
      case "HEAD":
        return getObject(bucket, key, request, target.query);
      case "DELETE":
        return deleteObject(bucket, key);
      default:
        throw ossErrors.unsupported(`${request.method} on an object`);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(12).toString("hex").toUpperCase();
    const method = req.method ?? "GET";
    const hostId = req.headers.host ?? "localhost";
    let response: EmulatorResponse;
    try {
      const body = await readBody(req);
      response = dispatch({ method, headers: flatHeaders(req), body }, req.url ?? "/", requestId);
    } catch (error) {
      const failure = error instanceof OssEmulatorError ? error : new OssEmulatorError(500, "InternalError", error instanceof Error ? error.message : String(error));
      const xml = failure.toXml(requestId, hostId);
      response = {
        status: failure.status,
        headers: { "Content-Type": "application/xml", ...(failure.ec ? { "x-oss-ec": failure.ec } : {}) },
        body: xml,
      };
      // HEAD answers carry no body: OSS puts the error document, base64, into `x-oss-err`.
      if (method === "HEAD") response.headers["x-oss-err"] = Buffer.from(xml).toString("base64");
    }
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const headers: Record<string, string> = { Server: "AliyunOSS", Date: new Date(now()).toUTCString(), "x-oss-request-id": requestId, ...response.headers };
    const body = method === "HEAD" || response.body === undefined ? undefined : Buffer.from(response.body);
    if (body !== undefined) headers["Content-Length"] = String(body.byteLength);
    else if (headers["Content-Length"] === undefined) headers["Content-Length"] = "0";
    res.writeHead(response.status, headers);
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    ipUrl: `http://127.0.0.1:${port}`,
    port,
    region,
    accounts,
    bucket: (name) => {
      const found = buckets.get(name);
      if (!found) throw new Error(`the emulator has no bucket ${name}`);
      return found;
    },
    setVersioning: (name, status) => {
      const found = buckets.get(name);
      if (!found) throw new Error(`the emulator has no bucket ${name}`);
      found.versioning = status;
    },
    statuses: () => new Map(statuses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // ali-oss keeps sockets alive
      }),
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw new OssEmulatorError(400, "EntityTooLarge", "Your proposed upload exceeds the emulator's limit.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
