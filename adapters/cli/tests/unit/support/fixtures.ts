import type { ReleasedPackage } from "../../../src/client/types.js";

export const ACCESS_KEY = "test-key_Sup3rSecretValue-0123456789";

/** A package object as the server answers it (codepush.md §3.8). */
export function releasedPackage(overrides: Partial<ReleasedPackage> = {}): ReleasedPackage {
  return {
    appVersion: "1.0.0",
    blobUrl: "http://127.0.0.1/blobs/abc",
    description: null,
    isDisabled: false,
    isMandatory: false,
    label: "v1",
    packageHash: "a".repeat(64),
    releaseMethod: "Upload",
    rollout: null,
    size: 1234,
    uploadTime: Date.UTC(2024, 4, 1, 12, 0, 0),
    ...overrides,
  };
}
