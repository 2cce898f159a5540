import "reflect-metadata";
import { HTTP_APP, LOGGER, MANAGE_APPS, PUBLISH_RELEASE, UPLOAD_RELEASE, registerHotpatch, resolveHotpatch } from "@hotpatch/container/tsyringe";
import type { AppRuntime, HotpatchConfig } from "@hotpatch/container";
import type { Logger, ManageApps } from "@hotpatch/core";
import type { Hono } from "hono";
import { container as root, type DependencyContainer } from "tsyringe";
import { AuditTrail, auditLogger } from "./team/audit-trail.js";
import { ReleaseDesk } from "./team/release-desk.js";
import { teamRoutes } from "./team/routes.js";

export interface TeamApp {
  container: DependencyContainer;
  http: Hono;
  desk: ReleaseDesk;
  trail: AuditTrail;
  /** One of hotpatch's use cases, resolved like any other service. */
  apps: ManageApps;
}

/**
 * An app that already composes itself with tsyringe. Its registrations use explicit factories (tsx
 * and esbuild emit no decorator metadata, so `@injectable` constructors cannot be resolved by type),
 * and hotpatch registers into the same container under Symbol tokens. The team's logger is registered
 * first, so hotpatch keeps it instead of creating its own.
 */
export async function tsyringeApp(config: HotpatchConfig, runtime: AppRuntime = {}): Promise<TeamApp> {
  const container = root.createChildContainer();
  container.register(AuditTrail, { useValue: new AuditTrail() });
  container.register<Logger>(LOGGER, { useFactory: (c) => auditLogger(c.resolve(AuditTrail)) });
  await registerHotpatch(container, config, runtime);
  container.register(ReleaseDesk, {
    useFactory: (c) => new ReleaseDesk(resolveHotpatch(c, UPLOAD_RELEASE), resolveHotpatch(c, PUBLISH_RELEASE), c.resolve(AuditTrail)),
  });
  const desk = container.resolve(ReleaseDesk);
  return {
    container,
    desk,
    trail: container.resolve(AuditTrail),
    apps: resolveHotpatch(container, MANAGE_APPS),
    http: teamRoutes(desk, resolveHotpatch(container, HTTP_APP)),
  };
}
