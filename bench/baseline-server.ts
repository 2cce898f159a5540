/** Baseline: a bare node:http server answering a fixed update-check JSON. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const body = JSON.stringify({
  update_info: {
    download_url: "http://127.0.0.1:3000/storage/packages/0000000000000000000000000000000000000000000000000000000000000000",
    description: "release 19",
    is_available: true,
    is_mandatory: true,
    app_version: "1.0.0",
    package_hash: "739df0e48080194a0f7fcfc17e31fcc2044e4b5bda67ede5184cefc225260e5d",
    label: "v20",
    package_size: 300,
    update_app_version: false,
    should_run_binary_version: false,
    target_binary_range: "1.0.0",
  },
});
const server = createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
});
