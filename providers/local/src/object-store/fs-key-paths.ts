import { InvalidRequestError } from "@hotpatch/core";

/**
 * How keys map to paths under `<rootDir>/objects/`.
 *
 * In a bucket, `dir` and `dir/child` can both be objects; on a disk a name is either a file or a folder.
 * So an object's file carries a suffix (`dir` → `dir.object`) and folders never end in it: a folder
 * segment that already ends in `.object` followed by zero or more `_` gets one more `_` (`x.object/y`
 * → folder `x.object_`). Everything else is the key itself, so the tree stays readable:
 * `apps/demo/app.json` → `objects/apps/demo/app.json.object`.
 */
export const OBJECT_FILE_SUFFIX = ".object";

const ESCAPED_FOLDER = /\.object_*$/; // needs one more `_` when used as a folder name
const ENCODED_ESCAPED_FOLDER = /\.object_+$/;

/** Most filesystems (ext4, APFS, NTFS) cap a single name at 255 bytes. */
const MAX_NAME_BYTES = 255;

export function folderName(segment: string): string {
  return ESCAPED_FOLDER.test(segment) ? `${segment}_` : segment;
}

export function objectFileName(segment: string): string {
  return `${segment}${OBJECT_FILE_SUFFIX}`;
}

/** The key segment a folder name stands for, or null for a folder this store did not create. */
export function segmentOfFolder(name: string): string | null {
  if (ENCODED_ESCAPED_FOLDER.test(name)) return name.slice(0, -1);
  return name.endsWith(OBJECT_FILE_SUFFIX) ? null : name;
}

/** The key segment an object file stands for, or null for a file this store did not create. */
export function segmentOfObjectFile(name: string): string | null {
  return name.endsWith(OBJECT_FILE_SUFFIX) && name.length > OBJECT_FILE_SUFFIX.length
    ? name.slice(0, -OBJECT_FILE_SUFFIX.length)
    : null;
}

/** Path segments (relative to the objects folder) of the file holding `key`, which must already be valid. */
export function objectFileSegments(key: string): string[] {
  const segments = key.split("/");
  const names = segments.map((segment, index) =>
    index === segments.length - 1 ? objectFileName(segment) : folderName(segment),
  );
  for (const name of names) {
    if (Buffer.byteLength(name, "utf8") > MAX_NAME_BYTES) {
      throw new InvalidRequestError(
        `object key "${key}" has a segment longer than the filesystem store allows (${MAX_NAME_BYTES - OBJECT_FILE_SUFFIX.length} bytes)`,
        "key",
      );
    }
  }
  return names;
}

/** Path segments of the folder holding keys that start with `dirKey + "/"` (`dirKey` is a valid key). */
export function folderSegments(dirKey: string): string[] {
  return dirKey === "" ? [] : dirKey.split("/").map(folderName);
}
