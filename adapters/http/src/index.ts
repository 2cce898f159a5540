export { createHttpApp, type HttpAppOptions } from "./app.js";
export { listen, type Fetchable, type RunningServer } from "./server.js";
export type { DownloadVerifier } from "./storage/storage-routes.js";
export { toSnakeCase } from "./acquisition/casing.js";
export {
  apiGatewayAuth,
  MemoryNonceStore,
  signApiGatewayRequest,
  buildStringToSign,
  pathAndParameters,
  signStringToSign,
  contentMd5,
  type ApiGatewayAuthFailure,
  type ApiGatewayAuthOptions,
  type ApiGatewayCredentials,
  type MemoryNonceStoreOptions,
  type NonceStore,
  type SignOptions,
  type StringToSignParts,
} from "./auth/index.js";
