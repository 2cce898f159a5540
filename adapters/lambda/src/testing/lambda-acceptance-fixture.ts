import type { HotpatchOptions, ObjectStore } from "@hotpatch/core";
import { decodeS3EventKey, type S3Notification } from "@hotpatch/provider-aws";
import { dropMetadata, silentLogger, type AcceptanceDriver, type AcceptanceFixture } from "@hotpatch/core/testing";
import { httpDriver, type Send } from "@hotpatch/http/testing";
import { createHttpHandler } from "../handlers/http-handler.js";
import { createS3Handler } from "../handlers/s3-handler.js";
import { createLambdaRuntime, type LambdaRuntime } from "../runtime/lambda-runtime.js";
import { API_SHAPES, apiBaseUrl, type LambdaHttpTransport } from "./api-shapes.js";
import { lambdaContext } from "./lambda-context.js";
import { s3PutNotification } from "./s3-events.js";
import { directSend } from "./send.js";

export const HTTP_FUNCTION = "hotpatch-http";
export const S3_FUNCTION = "hotpatch-s3";

export type NotificationFeed = (listener: (notification: S3Notification) => void) => () => void;

export interface LambdaFixtureOptions {
  /** The store both functions use (an S3ObjectStore over the test server, or a memory store). */
  store: ObjectStore;
  /** The bucket name notifications carry. */
  bucket: string;
  /** Which event shape devices' and the CLI's requests arrive in. */
  http: LambdaHttpTransport;
  /**
   * The bucket's own notifications (s3rver's). Without it, each drop sends the notification S3 would send
   * for its PutObject, built from the put's result.
   */
  notifications?: NotificationFeed;
  /** For stores without an HTTP endpoint: the app serves `/storage/*`; their download URLs must point at the API base URL. */
  serveStorage?: boolean;
  hotpatch?: HotpatchOptions;
  cleanup?: () => Promise<void>;
}

export interface LambdaFixture extends AcceptanceFixture {
  driver: AcceptanceDriver;
  runtime: LambdaRuntime;
  /** The URL a CodePush client would use, and the `send` that turns its requests into events. */
  baseUrl: string;
  send: Send;
  accessKey: string;
  /** Delivers a notification to the S3 function as the fixture does for drops (for duplicate-delivery tests). */
  deliver(notification: S3Notification): Promise<unknown>;
}

/**
 * The acceptance suite's fixture "through the Lambda handlers", in-process: the HTTP and S3 functions
 * composed once (as a container would) over `store`; management and device requests become API Gateway /
 * function URL events; drops become S3 notifications for the S3 function, delivered twice on request.
 * (Through the Lambda Invoke API instead: invokeRunnerFixture.)
 */
export async function lambdaAcceptanceFixture(options: LambdaFixtureOptions): Promise<LambdaFixture> {
  const shape = API_SHAPES[options.http];
  const runtime = createLambdaRuntime({
    store: options.store,
    logger: silentLogger,
    ...(options.hotpatch ? { hotpatch: options.hotpatch } : {}),
    http: { serveStorage: options.serveStorage ?? false },
  });
  const composed = async () => runtime;
  const httpHandler = createHttpHandler(composed);
  const s3Handler = createS3Handler(composed);

  const send = directSend(httpHandler, shape);
  const deliverNow = (notification: S3Notification): Promise<unknown> => s3Handler(notification, lambdaContext(S3_FUNCTION));
  const closers: Array<() => Promise<void>> = [];

  const pending = new Set<Promise<unknown>>();
  const deliver = (notification: S3Notification): Promise<unknown> => {
    const delivery = deliverNow(notification);
    pending.add(delivery);
    void delivery.catch(() => undefined).finally(() => pending.delete(delivery));
    return delivery;
  };

  // The bucket's notifications for the drop zone, matched to drops by key and ETag.
  const delivered = new Map<string, { notification: S3Notification; delivery: Promise<unknown> }>();
  const waiting = new Map<string, (entry: { notification: S3Notification; delivery: Promise<unknown> }) => void>();
  if (options.notifications) {
    const stop = options.notifications((notification) => {
      const record = notification.Records[0];
      if (!record || record.s3.bucket.name !== options.bucket || !record.eventName.startsWith("ObjectCreated:")) return;
      const key = decodeS3EventKey(record.s3.object.key);
      if (!key.startsWith("src/")) return; // the bucket notification's prefix filter
      const id = `${key}\n"${record.s3.object.eTag ?? ""}"`;
      const entry = { notification, delivery: deliver(notification) };
      delivered.set(id, entry);
      waiting.get(id)?.(entry);
    });
    closers.push(async () => stop());
  }
  const notificationFor = (id: string): Promise<{ notification: S3Notification; delivery: Promise<unknown> }> => {
    const seen = delivered.get(id);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no bucket notification for ${id.split("\n")[0]} within 10 s`)), 10_000);
      waiting.set(id, (entry) => {
        clearTimeout(timer);
        resolve(entry);
      });
    });
  };

  const { secret: accessKey } = await runtime.hotpatch.accessKeys.create({ friendlyName: "acceptance" });
  const baseUrl = apiBaseUrl(shape);
  const driver = httpDriver(baseUrl, accessKey, send);
  driver.drop = async (app, deployment, request, dropOptions = {}) => {
    const key = `src/${app}/${deployment}/${request.fileName}`;
    const info = await options.store.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
    let notification: S3Notification;
    if (options.notifications) {
      const entry = await notificationFor(`${key}\n${info.etag}`);
      await entry.delivery;
      notification = entry.notification;
    } else {
      notification = s3PutNotification(options.bucket, info);
      await deliver(notification);
    }
    // S3 delivers at least once: the same notification again.
    if (dropOptions.deliverTwice) await deliver(notification);
  };

  const settle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
    await runtime.settle();
  };
  return {
    driver,
    store: options.store,
    runtime,
    baseUrl,
    send,
    accessKey,
    deliver,
    settle,
    async cleanup() {
      await settle();
      for (const close of closers) await close();
      await options.cleanup?.();
    },
  };
}
