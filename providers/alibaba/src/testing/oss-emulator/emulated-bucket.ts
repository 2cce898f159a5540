export interface EmulatedObject {
  key: string;
  body: Buffer;
  /** `"<MD5 upper-case hex>"`, quoted, as OSS answers. */
  etag: string;
  lastModified: Date;
  contentType: string;
  /** User metadata, lower-case names without `x-oss-meta-`. */
  meta: Record<string, string>;
  /** Stored entity headers replayed on GET (cache-control, content-disposition, ...). */
  entityHeaders: Record<string, string>;
}

export type VersioningStatus = "Enabled" | "Suspended";

export interface BucketConfig {
  name: string;
  /** Anonymous GET/HEAD of objects is allowed (a public-read bucket). */
  publicRead?: boolean;
  versioning?: VersioningStatus;
}

/** One bucket's state. Objects are replaced whole, never mutated, so a GET in flight keeps its version. */
export class EmulatedBucket {
  readonly name: string;
  readonly publicRead: boolean;
  versioning: VersioningStatus | undefined;
  readonly objects = new Map<string, EmulatedObject>();

  constructor(config: BucketConfig) {
    this.name = config.name;
    this.publicRead = config.publicRead ?? false;
    this.versioning = config.versioning;
  }

  /** Keys in OSS's order: ascending UTF-8 bytes. */
  sortedKeys(): string[] {
    return [...this.objects.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
  }
}
