/// <reference path="./s3rver.d.ts" />
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import FilesystemStore from "s3rver/lib/stores/filesystem.js";
import S3Object from "s3rver/lib/models/object.js";

const OBJECT_SUFFIX = "._S3rver_object";
const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/**
 * s3rver 3.7.1 lists in the order of a directory walk: an object `a/b` comes after `a/b/c` (the folder
 * `b` sorts before the file `b._S3rver_object`), and `abc` after `abc-x`. S3 lists in UTF-8 byte order,
 * and paging with start-after depends on it. This replaces the store's listing with one that collects
 * the keys under the prefix's folder and sorts them as S3 does; everything else stays s3rver's.
 */
export function useS3ListingOrder(): void {
  FilesystemStore.prototype.listObjects = async function listObjects(bucket, options) {
    const { delimiter = "", startAfter = "", prefix = "", maxKeys = Number.POSITIVE_INFINITY } = options;
    const bucketPath = this.getBucketPath(bucket);
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const keys = (await objectKeys(bucketPath, folder))
      .filter((key) => key.startsWith(prefix) && byUtf8(key, startAfter) > 0)
      .sort(byUtf8);
    const selected: string[] = [];
    const commonPrefixes = new Set<string>();
    let isTruncated = false;
    for (const key of keys) {
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
        continue;
      }
      if (selected.length >= maxKeys) {
        isTruncated = true;
        break;
      }
      selected.push(key);
    }
    const metadata = await Promise.all(selected.map((key) => this.getMetadata(bucket, key).catch(() => undefined)));
    const objects = selected.flatMap((key, index) => {
      const meta = metadata[index];
      return meta === undefined ? [] : [new S3Object(bucket, key, null, meta)];
    });
    return { objects, commonPrefixes: [...commonPrefixes].sort(byUtf8), isTruncated };
  };
}

async function objectKeys(bucketPath: string, folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(bucketPath, folder), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(OBJECT_SUFFIX))
    .map((entry) => relative(bucketPath, join(entry.parentPath, entry.name)).split(sep).join("/").slice(0, -OBJECT_SUFFIX.length));
}
