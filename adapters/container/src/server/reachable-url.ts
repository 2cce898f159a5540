import { networkInterfaces } from "node:os";

/**
 * Devices cannot download from 0.0.0.0 or [::]: when listening on every interface without a public
 * URL, use this machine's first external IPv4 address. `guessed` tells the caller to say so.
 */
export function reachableUrl(listenUrl: string, port: number): { url: string; guessed: boolean } {
  if (!/\/\/(0\.0\.0\.0|\[::\])[:/]/.test(`${listenUrl}/`)) return { url: listenUrl, guessed: false };
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  return { url: `http://${address ?? "127.0.0.1"}:${port}`, guessed: true };
}
