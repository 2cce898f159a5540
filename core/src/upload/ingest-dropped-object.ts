import { parsePackageInfo } from "../domain/release-options.js";
import type { Release } from "../domain/release.js";
import { HotpatchError, InvalidRequestError } from "../errors.js";
import type { CoreEvent } from "../ports/event-source.port.js";
import type { Logger } from "../ports/logger.port.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import type { UploadRelease } from "./upload-release.js";

export const DROP_ZONE_PREFIX = "src/";

/**
 * Object metadata read from a dropped package (`x-oss-meta-*`, `x-amz-meta-*`, or the local store's
 * metadata). Metadata travels atomically with the object, unlike a sidecar file that could arrive later.
 */
export const DROP_METADATA = {
  targetBinaryRange: "target-binary-range",
  description: "description", // percent-encoded (headers are ASCII)
  mandatory: "mandatory",
  disabled: "disabled",
  rollout: "rollout",
} as const;

export type IngestOutcome =
  | { status: "ignored"; reason: string }
  | { status: "released"; release: Release }
  | { status: "duplicate"; release: Release }
  | { status: "rejected"; code: string; reason: string };

/**
 * Ingests a package dropped at `src/<app>/<deployment>/<file>` (the OSS / S3 trigger path). Bad input is
 * logged and reported as `rejected` (retrying cannot fix it); storage failures throw so that the
 * platform retries the trigger.
 */
export class IngestDroppedObject {
  constructor(
    private readonly store: ObjectStore,
    private readonly upload: UploadRelease,
    private readonly logger: Logger,
  ) {}

  async handle(event: CoreEvent): Promise<IngestOutcome> {
    const parts = event.key.split("/");
    if (parts.length !== 4 || `${parts[0]}/` !== DROP_ZONE_PREFIX || !parts[3]) {
      return { status: "ignored", reason: "not of the form src/<app>/<deployment>/<file>" };
    }
    const [, appName, deploymentName, fileName] = parts as [string, string, string, string];
    const log = this.logger.child({ app: appName, deployment: deploymentName, key: event.key });
    try {
      const object = await this.store.get(event.key);
      if (!object) return { status: "ignored", reason: "the object no longer exists" };
      const info = parsePackageInfo(readOptions(object.info.metadata));
      const result = await this.upload.execute({
        appName,
        deploymentName,
        bytes: object.body,
        fileName,
        options: info.options,
        releasedBy: "drop-zone",
        source: { key: event.key, etag: object.info.etag },
      });
      if (!result.created) {
        log.info("dropped package already released", { label: result.release.label });
        return { status: "duplicate", release: result.release };
      }
      return { status: "released", release: result.release };
    } catch (error) {
      if (error instanceof HotpatchError && error.code !== "storage_error" && error.code !== "concurrency_exhausted") {
        log.warn("dropped package rejected", { code: error.code, reason: error.message });
        return { status: "rejected", code: error.code, reason: error.message };
      }
      throw error;
    }
  }
}

function readOptions(metadata: Record<string, string>): Record<string, unknown> {
  const range = metadata[DROP_METADATA.targetBinaryRange];
  if (range === undefined) {
    throw new InvalidRequestError(
      `the dropped object needs metadata "${DROP_METADATA.targetBinaryRange}" (the target binary range)`,
      DROP_METADATA.targetBinaryRange,
    );
  }
  const options: Record<string, unknown> = { appVersion: range };
  const description = metadata[DROP_METADATA.description];
  if (description !== undefined) {
    try {
      options.description = decodeURIComponent(description);
    } catch {
      throw new InvalidRequestError("metadata description is not valid percent-encoding", DROP_METADATA.description);
    }
  }
  for (const [field, name] of [["isMandatory", DROP_METADATA.mandatory], ["isDisabled", DROP_METADATA.disabled]] as const) {
    const value = metadata[name];
    if (value === undefined) continue;
    if (value !== "true" && value !== "false") throw new InvalidRequestError(`metadata ${name} must be "true" or "false"`, name);
    options[field] = value === "true";
  }
  const rollout = metadata[DROP_METADATA.rollout];
  if (rollout !== undefined) options.rollout = Number(rollout);
  return options;
}
