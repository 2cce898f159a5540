// Minimal types for the parts of s3rver 3.7.1 (which ships none) that the test server uses.
declare module "s3rver" {
  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }
  class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
    on(event: "event", listener: (event: unknown) => void): this;
  }
  export default S3rver;
}

declare module "s3rver/lib/stores/filesystem.js" {
  interface S3rverStoredObject {
    key: string;
  }
  class FilesystemStore {
    rootDirectory: string;
    getBucketPath(bucket: string): string;
    getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
    listObjects(bucket: string, options: S3rverListOptions): Promise<S3rverListing>;
  }
  interface S3rverListOptions {
    delimiter?: string;
    startAfter?: string;
    prefix?: string;
    maxKeys?: number;
  }
  interface S3rverListing {
    objects: S3rverStoredObject[];
    commonPrefixes: string[];
    isTruncated: boolean;
  }
  export = FilesystemStore;
}

declare module "s3rver/lib/models/object.js" {
  class S3Object {
    constructor(bucket: string, key: string, content: null, metadata: Record<string, unknown>);
    key: string;
  }
  export = S3Object;
}
