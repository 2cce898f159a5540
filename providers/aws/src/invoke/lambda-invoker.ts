import { InvokeCommand, LambdaClient, type LambdaClientConfig } from "@aws-sdk/client-lambda";
import { LambdaFunctionError, LambdaInvokeError } from "../errors.js";
import { parseBaseUrl, rejectUnknownOptions, requireNonEmptyString } from "../options.js";

export interface LambdaConnectionOptions {
  region: string;
  /** A Lambda-compatible Invoke endpoint (a local emulator); omit for AWS. */
  endpoint?: string;
  /** Static credentials; omit to use the SDK's default chain (profile, SSO, environment). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const CONNECTION_KEYS = ["region", "endpoint", "credentials"] as const;

export function createLambdaClient(options: LambdaConnectionOptions): LambdaClient {
  rejectUnknownOptions(options, CONNECTION_KEYS, "Lambda connection");
  const config: LambdaClientConfig = { region: requireNonEmptyString(options.region, "region", "Lambda connection") };
  if (options.endpoint !== undefined) config.endpoint = parseBaseUrl(options.endpoint, "endpoint", "Lambda connection");
  if (options.credentials) config.credentials = options.credentials;
  return new LambdaClient(config);
}

/**
 * Calls deployed functions with the Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`).
 * A function that threw still makes Invoke succeed with `FunctionError` set: that becomes a
 * LambdaFunctionError; a failing Invoke call itself becomes a LambdaInvokeError.
 */
export class LambdaInvoker {
  readonly #client: LambdaClient;
  readonly #qualifier: string | undefined;

  constructor(client: LambdaClient, options: { qualifier?: string } = {}) {
    this.#client = client;
    this.#qualifier = options.qualifier;
  }

  /** Synchronous invocation (`RequestResponse`): resolves to the function's JSON result. */
  async invoke(functionName: string, event: unknown): Promise<unknown> {
    const output = await this.#send(functionName, event, "RequestResponse");
    const text = output.Payload ? new TextDecoder().decode(output.Payload) : "";
    const result: unknown = text === "" ? null : parseJson(functionName, text);
    if (output.FunctionError) {
      const error = (result ?? {}) as { errorType?: unknown; errorMessage?: unknown };
      throw new LambdaFunctionError(
        functionName,
        output.FunctionError,
        typeof error.errorType === "string" ? error.errorType : "Error",
        typeof error.errorMessage === "string" ? error.errorMessage : text,
      );
    }
    return result;
  }

  /** Asynchronous invocation (`Event`), as S3 notifications invoke: queued and retried by Lambda. */
  async invokeAsync(functionName: string, event: unknown): Promise<void> {
    await this.#send(functionName, event, "Event");
  }

  async #send(functionName: string, event: unknown, type: "RequestResponse" | "Event") {
    try {
      return await this.#client.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: type,
          Payload: new TextEncoder().encode(JSON.stringify(event)),
          ...(this.#qualifier ? { Qualifier: this.#qualifier } : {}),
        }),
      );
    } catch (error) {
      const name = error instanceof Error ? error.name : "Error";
      throw new LambdaInvokeError(functionName, `Invoke of function ${functionName} failed: ${name}`, { cause: error });
    }
  }
}

function parseJson(functionName: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LambdaInvokeError(functionName, `function ${functionName} returned a payload that is not JSON`, { cause: error });
  }
}
