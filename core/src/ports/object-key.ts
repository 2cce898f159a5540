import { InvalidRequestError } from "../errors.js";

const MAX_KEY_BYTES = 1023; // S3 and OSS both cap keys at 1023 bytes

/**
 * Keys are `/`-separated relative paths: no empty, `.` or `..` segment, no leading `/`, no backslash,
 * no control characters. Every store enforces this so that a key can never escape a filesystem root
 * and means the same thing on every provider.
 */
export function assertValidObjectKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidRequestError("object key must be a non-empty string", "key");
  }
  if (Buffer.byteLength(key, "utf8") > MAX_KEY_BYTES) {
    throw new InvalidRequestError(`object key is longer than ${MAX_KEY_BYTES} bytes`, "key");
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(key)) {
    throw new InvalidRequestError("object key contains a control character or a backslash", "key");
  }
  for (const segment of key.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new InvalidRequestError(`object key "${key}" has an empty, "." or ".." segment`, "key");
    }
  }
}

/** Prefixes may end with `/` (or be empty), otherwise they follow the key rules. */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  assertValidObjectKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
}
