import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, messageOf } from "../errors.js";

/** What `hotpatch login` remembers. */
export interface Session {
  readonly server: string;
  readonly accessKey: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** `$HOTPATCH_HOME/session.json`, else `~/.hotpatch/session.json`. */
export function sessionPath(env: Env): string {
  const home = env["HOTPATCH_HOME"] || join(homedir(), ".hotpatch");
  return join(home, "session.json");
}

export async function readSession(env: Env): Promise<Session | undefined> {
  const file = sessionPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw new CliError(`cannot read the session file ${file}: ${messageOf(error)}`, { cause: error });
  }
  const session = parseSession(text);
  if (session === undefined) {
    throw new CliError(
      `the session file ${file} is damaged; run "hotpatch logout" and log in again`,
    );
  }
  return session;
}

function parseSession(text: string): Session | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { server, accessKey } = parsed as Record<string, unknown>;
  if (typeof server !== "string" || typeof accessKey !== "string") return undefined;
  return { server, accessKey };
}

/**
 * Writes the session readable by its owner only (0600, directory 0700). Written to a sibling file
 * and renamed so a crash never leaves half a key behind.
 */
export async function writeSession(env: Env, session: Session): Promise<string> {
  const file = sessionPath(env);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  // `mode` only applies when the file is created; make sure of it even if a stale temp existed.
  await chmod(temp, 0o600);
  await rename(temp, file);
  return file;
}

/** Removes the session; `false` when there was none. */
export async function removeSession(env: Env): Promise<boolean> {
  const file = sessionPath(env);
  try {
    await rm(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw new CliError(`cannot remove the session file ${file}: ${messageOf(error)}`, { cause: error });
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
