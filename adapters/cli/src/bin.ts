#!/usr/bin/env -S npx --no tsx
import { runCli } from "./program.js";

// exitCode rather than process.exit(): `serve` keeps running after runCli returns.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
