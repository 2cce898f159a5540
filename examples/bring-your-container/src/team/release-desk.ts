import type { PublishRelease, UploadRelease } from "@hotpatch/core";
import type { AuditTrail } from "./audit-trail.js";

/**
 * The team's release workflow, written against two of hotpatch's use cases: a build goes to Staging,
 * and once QA approves it, that same package is promoted to Production. Its dependencies arrive
 * through the constructor from whichever container the app uses.
 */
export class ReleaseDesk {
  constructor(
    private readonly upload: UploadRelease,
    private readonly publish: PublishRelease,
    private readonly trail: AuditTrail,
  ) {}

  /** Puts a build on Staging; returns its label. */
  async stage(app: string, bundle: Uint8Array, appVersion: string): Promise<string> {
    const { release } = await this.upload.execute({ appName: app, deploymentName: "Staging", bytes: bundle, fileName: "bundle.zip", options: { appVersion } });
    this.trail.record("info", "staged", { app, label: release.label });
    return release.label;
  }

  /** QA's sign-off: the Staging release goes to Production as it is. */
  async approve(app: string, label: string): Promise<string> {
    const promoted = await this.publish.promote(app, "Staging", "Production", label, {});
    this.trail.record("info", "approved", { app, label, productionLabel: promoted.label });
    return promoted.label;
  }
}
