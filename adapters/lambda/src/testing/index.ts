export { API_SHAPES, apiBaseUrl, type ApiShape, type LambdaHttpTransport } from "./api-shapes.js";
export { apiGatewayV1Event, apiGatewayV2Event } from "./http-events.js";
export { responseFromResult } from "./http-results.js";
export { directSend, eventForRequest, invokeSend, type SendOptions } from "./send.js";
export { lambdaContext } from "./lambda-context.js";
export { s3PutNotification } from "./s3-events.js";
export { startLocalInvokeEndpoint, type InvocableHandler, type InvocationRecord, type LocalInvokeEndpoint } from "./local-invoke-endpoint.js";
export {
  HTTP_FUNCTION,
  S3_FUNCTION,
  lambdaAcceptanceFixture,
  type LambdaFixture,
  type LambdaFixtureOptions,
  type NotificationFeed,
} from "./lambda-acceptance-fixture.js";
export { invokeRunnerFixture, type InvokeRunnerOptions } from "./invoke-runner-fixture.js";
