import { HotpatchError, InvalidRequestError } from "@hotpatch/core";

/** A provider was constructed with options it cannot work with (a wiring mistake, caught at startup). */
export class InvalidOptionsError extends InvalidRequestError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = "InvalidOptionsError";
  }
}

/**
 * The Lambda Invoke API itself failed (unknown function, throttling, no permission, network). The SDK
 * error is kept as `cause`; the message names the function and the SDK's error name, never credentials.
 */
export class LambdaInvokeError extends HotpatchError {
  readonly functionName: string;
  constructor(functionName: string, message: string, options?: { cause?: unknown }) {
    super("internal", message, options);
    this.name = "LambdaInvokeError";
    this.functionName = functionName;
  }
}

/**
 * The invoked function ran and failed (`FunctionError` set on a successful Invoke call): the handler
 * threw, timed out or ran out of memory. Carries the runtime's `errorType` and `errorMessage`.
 */
export class LambdaFunctionError extends HotpatchError {
  readonly functionName: string;
  readonly errorType: string;
  readonly functionError: string;
  constructor(functionName: string, functionError: string, errorType: string, errorMessage: string) {
    super("internal", `function ${functionName} failed (${functionError}): ${errorType}: ${errorMessage}`);
    this.name = "LambdaFunctionError";
    this.functionName = functionName;
    this.errorType = errorType;
    this.functionError = functionError;
  }
}
