import type { FileHandle } from "node:fs/promises";
import { StorageError } from "@hotpatch/core";
import type { ObjectInfo } from "@hotpatch/core";

/**
 * One object = one file: a single JSON line (the header) followed by the raw body. Header and body are
 * written to a temp file and renamed into place together, so a reader never sees metadata of one version
 * with the bytes of another.
 *
 *   {"format":"hotpatch-object/1","size":12,"etag":"\"…\"","lastModified":"2025-…Z","contentType":"…","metadata":{…}}\n
 *   <body bytes>
 */
export const OBJECT_FILE_FORMAT = "hotpatch-object/1";

export interface ObjectFileHeader {
  format: typeof OBJECT_FILE_FORMAT;
  size: number;
  etag: string;
  lastModified: string;
  contentType?: string;
  metadata: Record<string, string>;
}

/** Headers are small (metadata is capped at 2 KB); anything longer is not one of our files. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_READ_BYTES = 4096;
const NEWLINE = 0x0a;

export function encodeHeader(header: ObjectFileHeader): Buffer {
  return Buffer.from(`${JSON.stringify(header)}\n`, "utf8"); // JSON.stringify never emits a raw newline
}

export function headerToInfo(key: string, header: ObjectFileHeader): ObjectInfo {
  const info: ObjectInfo = {
    key,
    size: header.size,
    etag: header.etag,
    lastModified: new Date(header.lastModified),
    metadata: { ...header.metadata },
  };
  if (header.contentType !== undefined) info.contentType = header.contentType;
  return info;
}

export interface ParsedHeader {
  header: ObjectFileHeader;
  /** Where the body starts in the file. */
  bodyOffset: number;
}

/** Parses the header at the start of `bytes` (the whole file, or enough of its beginning). */
export function parseHeader(key: string, bytes: Uint8Array): ParsedHeader | "incomplete" {
  const end = bytes.indexOf(NEWLINE);
  if (end < 0) {
    if (bytes.byteLength >= MAX_HEADER_BYTES) throw corrupt(key, "no header line");
    return "incomplete";
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, end).toString("utf8"));
  } catch (cause) {
    throw corrupt(key, "header is not JSON", cause);
  }
  if (!isHeader(parsed)) throw corrupt(key, "header has the wrong shape");
  return { header: parsed, bodyOffset: end + 1 };
}

/** Reads and parses the header of an open object file, checking the body length against the file size. */
export async function readHeader(key: string, handle: FileHandle): Promise<ParsedHeader> {
  const { size: fileSize } = await handle.stat();
  let buffer = Buffer.alloc(0);
  for (;;) {
    const chunk = Buffer.alloc(HEADER_READ_BYTES);
    const { bytesRead } = await handle.read(chunk, 0, HEADER_READ_BYTES, buffer.byteLength);
    if (bytesRead === 0) throw corrupt(key, "file ends inside the header");
    buffer = Buffer.concat([buffer, chunk.subarray(0, bytesRead)]);
    const parsed = parseHeader(key, buffer);
    if (parsed !== "incomplete") {
      assertBodyLength(key, parsed, fileSize);
      return parsed;
    }
  }
}

export function assertBodyLength(key: string, parsed: ParsedHeader, fileSize: number): void {
  if (fileSize - parsed.bodyOffset !== parsed.header.size) {
    throw corrupt(key, `body is ${fileSize - parsed.bodyOffset} bytes, header says ${parsed.header.size}`);
  }
}

function isHeader(value: unknown): value is ObjectFileHeader {
  if (typeof value !== "object" || value === null) return false;
  const header = value as Record<string, unknown>;
  return (
    header.format === OBJECT_FILE_FORMAT &&
    typeof header.size === "number" &&
    Number.isSafeInteger(header.size) &&
    typeof header.etag === "string" &&
    typeof header.lastModified === "string" &&
    (header.contentType === undefined || typeof header.contentType === "string") &&
    typeof header.metadata === "object" &&
    header.metadata !== null &&
    Object.values(header.metadata).every((entry) => typeof entry === "string")
  );
}

function corrupt(key: string, reason: string, cause?: unknown): StorageError {
  return new StorageError(`object file for "${key}" is corrupt: ${reason}`, { cause });
}
