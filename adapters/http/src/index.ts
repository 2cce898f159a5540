export { createHttpApp, type HttpAppOptions } from "./app.js";
export { listen, type Fetchable, type RunningServer } from "./server.js";
export type { DownloadVerifier } from "./storage/storage-routes.js";
export { toSnakeCase } from "./acquisition/casing.js";
