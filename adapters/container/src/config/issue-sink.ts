/** Records a problem with a key; `detail` follows the key's name ("is missing: …"). */
export type IssueSink = (key: string, detail: string) => void;

/** Returns `value`, or `fallback` while recording that the key took its default (for `config check`). */
export type Defaulter = <T>(key: string, value: T | undefined, fallback: T, origin?: string) => T;
