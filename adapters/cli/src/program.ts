import { Command, CommanderError } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { registerAccessKeyCommands } from "./commands/access-key.js";
import { registerAppCommands } from "./commands/app.js";
import { registerBinaryCommands } from "./commands/binary.js";
import { registerConfigCommands } from "./commands/config.js";
import { CommandContext } from "./commands/context.js";
import { registerDeploymentCommands } from "./commands/deployment.js";
import { addHistoryCommand } from "./commands/history.js";
import { registerLoginCommands } from "./commands/login.js";
import { registerMetricsCommand } from "./commands/metrics.js";
import { registerPatchCommand } from "./commands/patch.js";
import { registerPromoteCommand } from "./commands/promote.js";
import { registerReleaseCommand } from "./commands/release.js";
import { registerRollbackCommand } from "./commands/rollback.js";
import { registerServeCommand } from "./commands/serve-command.js";
import { messageOf } from "./errors.js";
import { accessKeysInArgv, redactingStream, SecretRedactor, type CliIo } from "./io.js";

/**
 * Builds the `hotpatch` program writing to `io`. Commander never exits the process: errors surface
 * as exceptions so `runCli` (and tests) decide the exit code.
 */
export function buildProgram(io: CliIo, redactor = new SecretRedactor()): Command {
  const safeIo: CliIo = {
    ...io,
    stdout: redactingStream(io.stdout, redactor),
    stderr: redactingStream(io.stderr, redactor),
  };
  redactor.add(io.env["HOTPATCH_ACCESS_KEY"]);
  redactor.add(io.env["HOTPATCH_CA_SECRET"]);
  const ctx = new CommandContext(safeIo, redactor, io.stderr);

  // Settings made before `.command()` calls are inherited by every subcommand.
  const program = new Command("hotpatch")
    .description("manage apps, deployments and releases on a hotpatch (CodePush-compatible) server")
    .version(packageJson.version)
    .option("--server <url>", "server URL (default: $HOTPATCH_SERVER, then the saved login)")
    .option("--access-key <key>", "access key (default: $HOTPATCH_ACCESS_KEY, then the saved login)")
    .option("--ca-key <appKey>", "API Gateway AppKey, to sign requests for app authentication (default: $HOTPATCH_CA_KEY)")
    .option("--ca-secret <appSecret>", "API Gateway AppSecret for --ca-key (default: $HOTPATCH_CA_SECRET)")
    .option("--json", "print machine-readable JSON only")
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => safeIo.stdout.write(text),
      writeErr: (text) => safeIo.stderr.write(text),
    });

  registerLoginCommands(program, ctx);
  registerAppCommands(program, ctx);
  registerDeploymentCommands(program, ctx);
  addHistoryCommand(program, ctx);
  registerReleaseCommand(program, ctx);
  registerPromoteCommand(program, ctx);
  registerRollbackCommand(program, ctx);
  registerPatchCommand(program, ctx);
  registerMetricsCommand(program, ctx);
  registerBinaryCommands(program, ctx);
  registerAccessKeyCommands(program, ctx);
  registerServeCommand(program);
  registerConfigCommands(program, ctx);
  return program;
}

/**
 * Runs the CLI with `argv` (arguments after the executable) and returns the exit code. Failures are
 * one `error: …` line on stderr: never a stack, never a secret.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const redactor = new SecretRedactor();
  for (const key of accessKeysInArgv(argv)) redactor.add(key);
  const program = buildProgram(io, redactor);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (or the help / version text).
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(redactor.redact(`error: ${oneLine(messageOf(error))}\n`));
    return 1;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
