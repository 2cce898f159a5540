import { InvalidRequestError } from "@hotpatch/core";

/** The handler was given an event of a shape it does not translate (wired to the wrong trigger). */
export class UnsupportedEventError extends InvalidRequestError {
  constructor(handler: string, expected: string) {
    super(`the ${handler} handler received an event that is not ${expected}; check the function's trigger`, "event");
    this.name = "UnsupportedEventError";
  }
}
