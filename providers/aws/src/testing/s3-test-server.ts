import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { s3ClientConfig } from "../s3/s3-client.js";
import { S3ObjectStore, type S3ObjectStoreOptions } from "../s3/s3-object-store.js";
import type { ChildMessage } from "./s3rver-child.js";
import { startS3SemanticsProxy, type ProxyCounters } from "./s3-semantics-proxy.js";
import { notificationFromS3rver, type S3NotificationListener } from "./s3rver-notifications.js";

/** s3rver's fixed credentials (it checks signatures made with them). */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const S3RVER_REGION = "us-east-1";

export interface S3TestServer {
  /** The endpoint with S3's write semantics (s3rver behind the conditional-write proxy). */
  endpoint: string;
  /** s3rver itself: S3 protocol without conditional writes or atomic overwrite. */
  s3rverEndpoint: string;
  /** What the proxy answered on its own. */
  counters: ProxyCounters;
  /** A client for `endpoint` (or another endpoint), path-style, checksums only when required. */
  client(endpoint?: string): S3Client;
  /** Creates a fresh bucket (a unique name unless one is given) and returns its name. */
  createBucket(name?: string): Promise<string>;
  /** An S3ObjectStore over a fresh bucket, presigned download URLs unless options say otherwise. */
  store(options?: Omit<Partial<S3ObjectStoreOptions>, "client">): Promise<S3ObjectStore>;
  /**
   * s3rver's bucket notifications, re-encoded as S3 delivers them (keys form-URL-encoded; s3rver sends
   * them raw). Arrive over IPC, so possibly after the PUT's response.
   */
  onNotification(listener: S3NotificationListener): () => void;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL("./s3rver-child.ts", import.meta.url));

/** Starts s3rver (own process, temp directory) and the S3-semantics proxy, both on 127.0.0.1 port 0. */
export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), "hotpatch-s3rver-"));
  const child = fork(CHILD, [directory], {
    execArgv: ["--openssl-legacy-provider", "--import", "tsx"],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const listeners = new Set<S3NotificationListener>();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("s3rver did not start within 15 s")), 15_000);
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === "failed") {
        clearTimeout(timer);
        reject(new Error(`s3rver failed to start: ${message.message}`));
      } else {
        const notification = notificationFromS3rver(message.event);
        if (notification) for (const listener of listeners) listener(notification);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${code} before it was ready`));
    });
  });
  const s3rverEndpoint = `http://127.0.0.1:${port}`;
  const proxy = await startS3SemanticsProxy(port);
  const clients: S3Client[] = [];

  const client = (endpoint = proxy.endpoint): S3Client => {
    const created = new S3Client(s3ClientConfig({ region: S3RVER_REGION, endpoint, credentials: { ...S3RVER_CREDENTIALS } }));
    clients.push(created);
    return created;
  };
  const shared = client();
  const createBucket = async (name = `test-${randomBytes(6).toString("hex")}`): Promise<string> => {
    await shared.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };

  return {
    endpoint: proxy.endpoint,
    s3rverEndpoint,
    counters: proxy.counters,
    client,
    createBucket,
    store: async (options = {}) => new S3ObjectStore({ client: shared, bucket: await createBucket(), ...options }),
    onNotification(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      for (const created of clients) created.destroy();
      await proxy.close();
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    // Disconnecting makes the child close s3rver and exit on its own.
    if (child.connected) child.disconnect();
    else child.kill("SIGTERM");
  });
}
