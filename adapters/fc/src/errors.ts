import { InvalidRequestError } from "@hotpatch/core";

/** The function received an event of a shape this handler does not serve (wrong trigger wired to it). */
export class UnrecognisedEventError extends InvalidRequestError {
  constructor(message: string) {
    super(message, "event");
    this.name = "UnrecognisedEventError";
  }
}
