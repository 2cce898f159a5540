export { UnsupportedEventError } from "./errors.js";

export { createHttpHandler, type LambdaHttpHandler } from "./handlers/http-handler.js";
export { createS3Handler, type LambdaS3Handler, type S3HandlerResult } from "./handlers/s3-handler.js";
export { invocationLogFields, withInvocation } from "./handlers/invocation-context.js";

export { requestFromApiGatewayV1 } from "./http/request-from-v1.js";
export { requestFromApiGatewayV2 } from "./http/request-from-v2.js";
export { resultForApiGatewayV1 } from "./http/result-v1.js";
export { resultForApiGatewayV2 } from "./http/result-v2.js";
export { isPayloadV1, isPayloadV2, type HttpEvent } from "./http/http-event-kind.js";

export { createLambdaRuntime, lambdaRuntimeFromApp, once, type LambdaRuntime, type LambdaRuntimeDeps } from "./runtime/lambda-runtime.js";
export { runtimeFromEnvironment } from "./runtime/runtime-from-environment.js";
