import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "@hotpatch/core/testing";
import { startLocalServer, type LocalServer } from "../../src/serve/local-server.js";

const CONFIGURED = "configured_key_0123456789abcdef";
let dirs: string[] = [];
let servers: LocalServer[] = [];

async function start(dataDir: string, accessKey?: string) {
  const server = await startLocalServer({ port: 0, dataDir, logger: silentLogger, ...(accessKey ? { accessKey } : {}) });
  servers.push(server);
  return server;
}
const authenticated = (server: LocalServer, key: string) => fetch(`${server.url}/authenticated`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.status);

afterEach(async () => {
  for (const s of servers) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  servers = [];
  dirs = [];
});

describe("the local server's access keys", () => {
  it("creates a bootstrap key once, and keeps it across restarts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hotpatch-serve-"));
    dirs.push(dir);
    const first = await start(dir);
    const key = first.createdAccessKey as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await first.close();
    servers = [];
    const second = await start(dir);
    expect(second.createdAccessKey).toBeUndefined();
    expect(await authenticated(second, key)).toBe(200);
  });

  it("treats HOTPATCH_ACCESS_KEY as authoritative: revoked or expired, it works again after a restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hotpatch-serve-"));
    dirs.push(dir);
    const first = await start(dir, CONFIGURED);
    expect(first.createdAccessKey).toBeUndefined();
    expect(await authenticated(first, CONFIGURED)).toBe(200);
    // A key whose friendly name equals the configured secret must not mask it.
    await first.hotpatch.accessKeys.create({ friendlyName: CONFIGURED });
    const configured = await first.hotpatch.accessKeys.findBySecret(CONFIGURED);
    await first.hotpatch.accessKeys.update((configured as { friendlyName: string }).friendlyName, { ttl: 0 });
    expect(await authenticated(first, CONFIGURED)).toBe(401);
    await first.close();
    servers = [];
    const second = await start(dir, CONFIGURED);
    expect(await authenticated(second, CONFIGURED)).toBe(200);
  });

  it("builds download URLs from a reachable address when listening on every interface", async () => {
    const server = await startLocalServer({ port: 0, host: "0.0.0.0", dataDir: ":memory:", logger: silentLogger });
    servers.push(server);
    expect(server.publicUrl).not.toContain("0.0.0.0");
    expect(server.publicUrl).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+:\d+$/);
  });
});
