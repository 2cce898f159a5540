export { apiGatewayAuth, type ApiGatewayAuthFailure, type ApiGatewayAuthOptions } from "./api-gateway-auth.js";
export { MemoryNonceStore, type MemoryNonceStoreOptions, type NonceStore } from "./nonce-store.js";
export { signApiGatewayRequest, type ApiGatewayCredentials, type SignOptions } from "./sign-api-gateway-request.js";
export { buildStringToSign, pathAndParameters, signStringToSign, contentMd5, type StringToSignParts } from "./api-gateway-string-to-sign.js";
