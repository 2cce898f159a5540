import { HTTP_APP, LOGGER, MANAGE_APPS, PUBLISH_RELEASE, UPLOAD_RELEASE, hotpatchModule, resolveHotpatch } from "@hotpatch/container/inversify";
import type { AppRuntime, HotpatchConfig } from "@hotpatch/container";
import type { Logger, ManageApps } from "@hotpatch/core";
import type { Hono } from "hono";
import { Container, ContainerModule } from "inversify";
import { AuditTrail, auditLogger } from "./team/audit-trail.js";
import { ReleaseDesk } from "./team/release-desk.js";
import { teamRoutes } from "./team/routes.js";

export interface TeamApp {
  container: Container;
  http: Hono;
  desk: ReleaseDesk;
  trail: AuditTrail;
  /** One of hotpatch's use cases, resolved like any other service. */
  apps: ManageApps;
}

/** The team's own bindings, as an app on inversify already has them: explicit factories, no decorators. */
const teamModule = new ContainerModule(({ bind }) => {
  bind(AuditTrail).toConstantValue(new AuditTrail());
  bind(ReleaseDesk)
    .toDynamicValue(async (ctx) => new ReleaseDesk(await ctx.getAsync(UPLOAD_RELEASE), await ctx.getAsync(PUBLISH_RELEASE), ctx.get(AuditTrail)))
    .inSingletonScope();
});

/**
 * An app that already composes itself with inversify loads hotpatch's ContainerModule next to its
 * own, then rebinds hotpatch's LOGGER to its audit trail. Opening the store is asynchronous, so
 * hotpatch's services (and the team's that use them) are resolved with `getAsync`.
 */
export async function inversifyApp(config: HotpatchConfig, runtime: AppRuntime = {}): Promise<TeamApp> {
  const container = new Container();
  container.load(teamModule, hotpatchModule(config, runtime));
  container.rebind<Logger>(LOGGER).toDynamicValue((ctx) => auditLogger(ctx.get(AuditTrail)));
  const desk = await container.getAsync(ReleaseDesk);
  return {
    container,
    desk,
    trail: container.get(AuditTrail),
    apps: await resolveHotpatch(container, MANAGE_APPS),
    http: teamRoutes(desk, await resolveHotpatch(container, HTTP_APP)),
  };
}
