import { InvalidRequestError } from "@hotpatch/core";

/** A provider was constructed with options it cannot work with (a wiring mistake, caught at startup). */
export class InvalidOptionsError extends InvalidRequestError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = "InvalidOptionsError";
  }
}
