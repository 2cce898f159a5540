import { normalisePutOptions, type NormalisedPutOptions, type PutOptions } from "@hotpatch/core";

export { assertBody, assertValidLimit } from "@hotpatch/core";

/** Lower-cased metadata names, as S3 returns them. */
export type S3PutHeaders = NormalisedPutOptions;

/** `x-amz-meta-*` / `Content-Type` carry only what a header can; checked before any request (core's rules, S3's 2 KB). */
export function toPutHeaders(options: PutOptions | undefined): S3PutHeaders {
  return normalisePutOptions(options);
}
