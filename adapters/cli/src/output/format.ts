import type { ReleasedPackage } from "../client/types.js";

const UNITS = ["B", "KB", "MB", "GB"] as const;

/** `1536` → `1.5 KB` (powers of 1024, one decimal). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Milliseconds since the epoch → `2024-05-01 12:34:56 UTC` (UTC so output does not depend on the machine). */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function yesNo(value: boolean | undefined): string {
  return value ? "yes" : "no";
}

/** `null`/absent and 100 both mean the release reaches everyone. */
export function formatRollout(rollout: number | null | undefined): string {
  return rollout === null || rollout === undefined || rollout === 100 ? "100%" : `${rollout}%`;
}

/** How a release came to be: `Upload`, `Promoted v3 from Staging`, `Rolled back to v2`. */
export function formatReleaseMethod(pkg: ReleasedPackage): string {
  if (pkg.releaseMethod === "Promote") {
    return `Promoted ${pkg.originalLabel ?? "?"} from ${pkg.originalDeployment ?? "?"}`;
  }
  if (pkg.releaseMethod === "Rollback") return `Rolled back to ${pkg.originalLabel ?? "?"}`;
  return pkg.releaseMethod ?? "Upload";
}

/** Keeps table cells on one line and narrow enough to read. */
export function shorten(text: string | null | undefined, max = 40): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
