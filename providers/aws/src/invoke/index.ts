// A separate entry (`@hotpatch/provider-aws/invoke`), so that handler bundles never pull in client-lambda.
export { LambdaInvoker, createLambdaClient, type LambdaConnectionOptions } from "./lambda-invoker.js";
