import { createHttpApp, type ApiGatewayAuthOptions, type Fetchable } from "@hotpatch/http";
import { OssTriggerDecoder } from "@hotpatch/provider-alibaba";
import type { FcContext } from "../fc-context.js";
import { createFcHttpHandler } from "../http/http-handler.js";
import { createFcOssTriggerHandler } from "../oss/oss-trigger-handler.js";
import { perInstance } from "../per-instance.js";
import type { Composition } from "./composition.js";

export interface DeploymentSetup {
  composition: Composition;
  /** The HTTP app, when the deployment composed it (the container does); else one is built from the rest. */
  app?: Fetchable;
  /** Verify API Gateway signatures in the function itself (an HTTP trigger exposed without the gateway). */
  apiGatewayAuth?: ApiGatewayAuthOptions & { scope?: "device" | "all" };
  /** Only OSS events of this bucket reach the upload use case. */
  bucket?: string;
  /** Serve `/storage/*` from the store: only for stores without an HTTP endpoint (the memory store in tests). */
  serveStorage?: boolean;
}

/** Where an FC function's hotpatch comes from: the container (configuration) on FC, anything in tests. */
export interface Deployment {
  /** Every invocation, before anything else (e.g. take the rotating STS credentials from `context`). */
  onInvoke?(context: FcContext): void;
  /** Once per instance. */
  setup(context: FcContext): Promise<DeploymentSetup>;
}

function entryPoints<T>(deployment: Deployment, build: (setup: DeploymentSetup) => T) {
  const instance = perInstance(async (context: FcContext) => build(await deployment.setup(context)));
  const onInvoke = (context: FcContext): void => deployment.onInvoke?.(context);
  return {
    instance,
    onInvoke,
    /** FC's instance initializer: composes before the first request, so that request does not pay for it. */
    initialize: async (context: FcContext): Promise<string> => {
      onInvoke(context);
      await instance(context);
      return "";
    },
  };
}

/** `handler` and `initialize` of the HTTP function (HTTP trigger or API Gateway backend). */
export function httpEntryPoints(deployment: Deployment) {
  const { instance, onInvoke, initialize } = entryPoints(deployment, ({ composition, app, apiGatewayAuth, serveStorage }) => ({
    app:
      app ??
      createHttpApp({
        hotpatch: composition.hotpatch,
        store: composition.store,
        logger: composition.logger,
        ...(apiGatewayAuth ? { apiGatewayAuth } : {}),
        ...(serveStorage ? { serveStorage } : {}),
      }),
    afterInvoke: composition.afterInvoke,
  }));
  return { handler: createFcHttpHandler(instance, { onInvoke }), initialize };
}

/** `handler` and `initialize` of the OSS-trigger function: the upload use case, no HTTP app. */
export function ossTriggerEntryPoints(deployment: Deployment) {
  const { instance, onInvoke, initialize } = entryPoints(deployment, ({ composition, bucket }) => ({
    ingest: composition.hotpatch.ingest,
    decoder: new OssTriggerDecoder(bucket ? { bucket } : {}),
    logger: composition.logger,
    afterInvoke: composition.afterInvoke,
  }));
  return { handler: createFcOssTriggerHandler(instance, { onInvoke }), initialize };
}
