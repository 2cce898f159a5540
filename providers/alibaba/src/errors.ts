import { InvalidRequestError } from "@hotpatch/core";

/** A provider was constructed with options it cannot work with: a wiring mistake, caught at startup. */
export class InvalidAlibabaOptionsError extends InvalidRequestError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = "InvalidAlibabaOptionsError";
  }
}

/**
 * The bucket cannot give the guarantee hotpatch is built on. OSS ignores `x-oss-forbid-overwrite` on a
 * bucket whose versioning is Enabled or Suspended, so create-if-absent would silently overwrite and two
 * concurrent releases could both "win" the same history record.
 */
export class UnsafeBucketError extends InvalidAlibabaOptionsError {
  constructor(message: string) {
    super(message, "bucket");
    this.name = "UnsafeBucketError";
  }
}

/** A trigger payload that is not an OSS event (wrong function wired to the trigger, or a broken test event). */
export class InvalidTriggerEventError extends InvalidRequestError {
  constructor(message: string) {
    super(message, "event");
    this.name = "InvalidTriggerEventError";
  }
}
