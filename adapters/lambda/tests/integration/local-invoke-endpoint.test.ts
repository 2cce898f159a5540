import { LambdaFunctionError, LambdaInvokeError } from "@hotpatch/provider-aws";
import { LambdaInvoker, createLambdaClient } from "@hotpatch/provider-aws/invoke";
import { startLocalInvokeEndpoint, type LocalInvokeEndpoint } from "@hotpatch/lambda/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let endpoint: LocalInvokeEndpoint;
let client: ReturnType<typeof createLambdaClient>;
let invoker: LambdaInvoker;
const seen: unknown[] = [];

beforeAll(async () => {
  endpoint = await startLocalInvokeEndpoint({
    echo: async (event: unknown, context) => ({ event, functionName: context.functionName }),
    fails: async () => {
      throw new TypeError("bad event");
    },
    record: async (event: unknown) => {
      seen.push(event);
      return null;
    },
    huge: async () => "x".repeat(7 * 1024 * 1024),
  });
  client = createLambdaClient({ region: "us-east-1", endpoint: endpoint.endpoint, credentials: { accessKeyId: "LOCAL", secretAccessKey: "LOCAL" } });
  invoker = new LambdaInvoker(client);
});
afterAll(async () => {
  client?.destroy();
  await endpoint?.close();
});

describe("LambdaInvoker against the local Invoke endpoint", () => {
  it("returns the function's JSON result (RequestResponse)", async () => {
    expect(await invoker.invoke("echo", { a: [1, "two"] })).toEqual({ event: { a: [1, "two"] }, functionName: "echo" });
    expect(await invoker.invoke("arn:aws:lambda:us-east-1:123456789012:function:echo", {})).toMatchObject({ functionName: "echo" });
  });

  it("turns a function error (200 + X-Amz-Function-Error) into LambdaFunctionError", async () => {
    const error = await invoker.invoke("fails", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaFunctionError);
    expect(error).toMatchObject({ functionName: "fails", functionError: "Unhandled", errorType: "TypeError", code: "internal" });
    expect((error as Error).message).toContain("bad event");
  });

  it("turns a failing Invoke call (unknown function) into LambdaInvokeError with the SDK error as cause", async () => {
    const error = await invoker.invoke("missing", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaInvokeError);
    expect((error as LambdaInvokeError).message).toBe("Invoke of function missing failed: ResourceNotFoundException");
    expect((error as LambdaInvokeError).cause).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
  });

  it("queues Event invocations (202) and runs them afterwards", async () => {
    await invoker.invokeAsync("record", { n: 1 });
    await endpoint.idle();
    expect(seen).toEqual([{ n: 1 }]);
    expect(endpoint.invocations.at(-1)).toMatchObject({ functionName: "record", invocationType: "Event", status: 202 });
  });

  it("answers DryRun with 204 without running the function, and enforces Lambda's payload limits", async () => {
    const before = seen.length;
    const dry = await fetch(`${endpoint.endpoint}/2015-03-31/functions/record/invocations`, {
      method: "POST",
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=LOCAL/20260314/us-east-1/lambda/aws4_request", "x-amz-invocation-type": "DryRun" },
      body: "{}",
    });
    expect(dry.status).toBe(204);
    expect(seen).toHaveLength(before);
    const tooBig = await invoker.invoke("echo", { data: "x".repeat(6 * 1024 * 1024 + 1) }).catch((e: unknown) => e);
    expect((tooBig as LambdaInvokeError).cause).toMatchObject({ name: "RequestTooLargeException" });
    const hugeResult = await invoker.invoke("huge", {}).catch((e: unknown) => e);
    expect(hugeResult).toMatchObject({ errorType: "Function.ResponseSizeTooLarge" });
  });

  it("refuses unsigned requests, as Lambda does", async () => {
    const response = await fetch(`${endpoint.endpoint}/2015-03-31/functions/echo/invocations`, { method: "POST", body: "{}" });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
  });
});
