import { runCli } from "../../../src/program.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `hotpatch <argv>` in-process with captured output and exactly the given environment. */
export async function runHotpatch(argv: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env,
  });
  return { code, stdout, stderr };
}
