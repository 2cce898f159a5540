import type { RunningServer } from "./node-server.js";

/**
 * What a person sees when the server starts: where it runs, where its data is, and — on the first
 * start only — the access key it created. The key is printed here and nowhere else, never logged.
 */
export function startupBanner(server: RunningServer, loginCommand = "npm run -s hotpatch -- login"): string {
  const { config } = server.app;
  // CodePush clients append their paths to this URL, base path included.
  const base = config.http.basePath ?? "";
  const lines = [`\nhotpatch is running at ${server.url}${base}`];
  if (server.publicUrl !== server.url) lines.push(`devices download from ${server.publicUrl}${base}`);
  if (config.provider === "local") {
    const { dataDir } = config.storage;
    lines.push(dataDir === ":memory:" ? "data: in memory (lost when the server stops)" : `data: ${dataDir} (filesystem provider)`);
  } else {
    lines.push(`data: ${config.provider === "alibaba" ? "OSS" : "S3"} bucket ${config.storage.bucket} in ${config.storage.region} (${config.provider} provider)`);
  }
  if (config.auth.mode === "none") lines.push("management API: open to anyone who reaches this address (HOTPATCH_AUTH=none)");
  if (server.createdAccessKey) {
    lines.push("", "Access key (shown once, keep it secret):", "", `    ${server.createdAccessKey}`, "");
    lines.push(`Log in with:  ${loginCommand} ${server.url}${base} --access-key <the key above>`, "");
  }
  return `${lines.join("\n")}\n`;
}
