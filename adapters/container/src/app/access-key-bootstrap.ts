import { ConflictError, type Hotpatch } from "@hotpatch/core";
import type { HotpatchConfig } from "../config/hotpatch-config.js";

/** The operator's key must not lock them out after CodePush's 60-day default. */
const ADMIN_KEY_TTL_MS = 10 * 365 * 24 * 3600 * 1000;

export interface BootstrapOptions {
  /** With no key configured and none stored, create one and return it (to be shown once). */
  createIfNone?: boolean;
}

/**
 * Makes the configured access key work: created when missing, renewed when expired — so setting
 * HOTPATCH_ACCESS_KEY and restarting is also the way back in after every key was lost. Instances that
 * start together may race to create it; the losers find it afterwards.
 */
export async function ensureAccessKey(hotpatch: Hotpatch, config: HotpatchConfig, options: BootstrapOptions = {}): Promise<string | undefined> {
  if (config.auth.mode === "none") return undefined;
  const configured = config.auth.accessKey;
  if (configured) {
    await ensureConfiguredKey(hotpatch, configured);
    return undefined;
  }
  if (!options.createIfNone || (await hotpatch.accessKeys.count()) > 0) return undefined;
  const { secret } = await hotpatch.accessKeys.create({ friendlyName: "bootstrap", createdBy: "hotpatch serve", ttl: ADMIN_KEY_TTL_MS });
  return secret;
}

async function ensureConfiguredKey(hotpatch: Hotpatch, secret: string): Promise<void> {
  const existing = await hotpatch.accessKeys.findBySecret(secret);
  if (existing) {
    if (existing.expires <= Date.now()) await hotpatch.accessKeys.update(existing.friendlyName, { ttl: ADMIN_KEY_TTL_MS });
    return;
  }
  try {
    await hotpatch.accessKeys.create({ friendlyName: `configured-${Date.now()}`, createdBy: "HOTPATCH_ACCESS_KEY", secret, ttl: ADMIN_KEY_TTL_MS });
  } catch (error) {
    if (!(error instanceof ConflictError) || !(await hotpatch.accessKeys.findBySecret(secret))) throw error;
  }
}
