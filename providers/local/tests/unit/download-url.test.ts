import { describe, expect, it } from "vitest";
import {
  InvalidOptionsError,
  MemoryObjectStore,
  encodeKeyPath,
  keyFromStoragePath,
  signDownload,
  verifyDownloadSignature,
} from "@hotpatch/provider-local";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const NOW_S = NOW.getTime() / 1000;
const SECRET = "unit-test-secret";

function signedStore(extra: { defaultExpirySeconds?: number } = {}): MemoryObjectStore {
  return new MemoryObjectStore({ publicBaseUrl: "https://ota.test/cdn/", signingSecret: SECRET, now: () => NOW, ...extra });
}

function queryOf(url: string): { expires: string; signature: string } {
  const params = new URL(url).searchParams;
  return { expires: params.get("expires") ?? "", signature: params.get("signature") ?? "" };
}

describe("download URLs", () => {
  it("are <publicBaseUrl>/storage/<segments percent-encoded> without a secret", async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:3000/" });
    expect(await store.downloadUrl("packages/a b+c/日本.zip")).toBe(
      "http://127.0.0.1:3000/storage/packages/a%20b%2Bc/%E6%97%A5%E6%9C%AC.zip",
    );
    expect(await store.downloadUrl("q/what?#%")).toBe("http://127.0.0.1:3000/storage/q/what%3F%23%25");
  });

  it("keep a path in the base URL", async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "https://ota.test/cdn//" });
    expect(await store.downloadUrl("packages/x")).toBe("https://ota.test/cdn/storage/packages/x");
  });

  it("map back to their key", () => {
    for (const key of ["packages/a b+c/日本.zip", "q/what?#%", "node_modules/x"]) {
      expect(keyFromStoragePath(`/storage/${encodeKeyPath(key)}`)).toBe(key);
    }
    expect(keyFromStoragePath("/other/x")).toBeNull();
    expect(keyFromStoragePath("/storage/%E0%A4%A")).toBeNull();
  });

  it("carry expires (default one hour) and a signature that verifies", async () => {
    const url = await signedStore().downloadUrl("packages/a b");
    expect(url.startsWith("https://ota.test/cdn/storage/packages/a%20b?expires=")).toBe(true);
    const { expires, signature } = queryOf(url);
    expect(Number(expires)).toBe(NOW_S + 3600);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signature).toBe(signDownload("packages/a b", Number(expires), SECRET));
    expect(verifyDownloadSignature("packages/a b", expires, signature, SECRET, NOW)).toBe(true);
    expect(verifyDownloadSignature("packages/a b", Number(expires), signature.toUpperCase(), SECRET, NOW)).toBe(true);
  });

  it("honour defaultExpirySeconds and a per-call lifetime", async () => {
    const store = signedStore({ defaultExpirySeconds: 60 });
    expect(Number(queryOf(await store.downloadUrl("k")).expires)).toBe(NOW_S + 60);
    expect(Number(queryOf(await store.downloadUrl("k", { expiresInSeconds: 5 })).expires)).toBe(NOW_S + 5);
    await expect(store.downloadUrl("k", { expiresInSeconds: 0 })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("do not verify when key, expiry, signature or secret is tampered with", async () => {
    const { expires, signature } = queryOf(await signedStore().downloadUrl("packages/abc"));
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
    expect(verifyDownloadSignature("packages/abd", expires, signature, SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", String(Number(expires) + 1), signature, SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, flipped, SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, signature, "other-secret", NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, signature.slice(0, 40), SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, "", SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", `${expires}x`, signature, SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", "-1", signature, SECRET, NOW)).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, signature, "", NOW)).toBe(false);
  });

  it("cannot be moved between key and expiry (the signed text separates them)", () => {
    const signature = signDownload("packages/a1", 700, SECRET);
    expect(verifyDownloadSignature("packages/a", "1700", signature, SECRET, new Date(0))).toBe(false);
  });

  it("stop verifying once expired", async () => {
    const { expires, signature } = queryOf(await signedStore().downloadUrl("packages/abc", { expiresInSeconds: 10 }));
    const at = (seconds: number): Date => new Date((NOW_S + seconds) * 1000);
    expect(verifyDownloadSignature("packages/abc", expires, signature, SECRET, at(10))).toBe(true);
    expect(verifyDownloadSignature("packages/abc", expires, signature, SECRET, at(11))).toBe(false);
    expect(verifyDownloadSignature("packages/abc", expires, signature, SECRET)).toBe(false); // real clock: long past
  });

  it("reject bad options at construction", () => {
    for (const publicBaseUrl of ["", "relative/path", "ftp://host/x", "https://host/x?y=1", "https://user:pw@host"]) {
      expect(() => new MemoryObjectStore({ publicBaseUrl })).toThrow(InvalidOptionsError);
    }
    expect(() => new MemoryObjectStore({ publicBaseUrl: "http://h", signingSecret: "" })).toThrow(InvalidOptionsError);
    expect(() => new MemoryObjectStore({ publicBaseUrl: "http://h", defaultExpirySeconds: 0 })).toThrow(InvalidOptionsError);
    expect(() => new MemoryObjectStore({ publicBaseUrl: "http://h", defaultExpiry: 5 } as never)).toThrow(InvalidOptionsError);
  });
});
