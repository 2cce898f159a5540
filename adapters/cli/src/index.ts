export { buildProgram, runCli } from "./program.js";
export type { CliIo, OutputStream } from "./io.js";
export { CliError } from "./errors.js";
export { ManagementClient } from "./client/management-client.js";
export type * from "./client/types.js";
export { listPackageFiles, zipDirectory, type PackageFile } from "./zip/zip-directory.js";
