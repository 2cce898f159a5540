import { acceptanceContract } from "@hotpatch/core/testing";
import { invokeRunnerFixture } from "@hotpatch/lambda/testing";
import { S3ObjectStore, createS3Client } from "@hotpatch/provider-aws";
import { LambdaInvoker, createLambdaClient } from "@hotpatch/provider-aws/invoke";

/**
 * The core acceptance suite against a deployed stack, through the Lambda Invoke API and the bucket —
 * with the credentials of whoever runs it (profile, SSO or environment; they need lambda:InvokeFunction
 * on both functions and s3:PutObject/GetObject/ListBucket on the bucket). The names come from the
 * stack's outputs:
 *
 *   HOTPATCH_STACK_REGION   AWS region of the stack
 *   HOTPATCH_HTTP_FUNCTION  output HttpFunctionName
 *   HOTPATCH_S3_FUNCTION    output S3FunctionName
 *   HOTPATCH_STACK_BUCKET   output Bucket
 *   HOTPATCH_ACCESS_KEY     the BootstrapAccessKey parameter
 *
 * The suite creates and deletes an app named "shop": use a stack without one.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see the header of deployed/acceptance.deployed.test.ts`);
  return value;
}

acceptanceContract(
  "deployed stack, through InvokeCommand",
  async () => {
    const region = required("HOTPATCH_STACK_REGION");
    const bucket = required("HOTPATCH_STACK_BUCKET");
    const lambda = createLambdaClient({ region });
    const s3 = createS3Client({ region });
    const fixture = invokeRunnerFixture({
      invoker: new LambdaInvoker(lambda),
      httpFunction: required("HOTPATCH_HTTP_FUNCTION"),
      s3Function: required("HOTPATCH_S3_FUNCTION"),
      store: new S3ObjectStore({ client: s3, bucket }),
      bucket,
      accessKey: required("HOTPATCH_ACCESS_KEY"),
      allowRemoteFetch: true,
    });
    return {
      ...fixture,
      async cleanup() {
        await fixture.cleanup?.();
        lambda.destroy();
        s3.destroy();
      },
    };
  },
  { dropZone: true },
);
