import { isIP } from "node:net";
import { ossErrors } from "./oss-error.js";

export type QueryPairs = Array<[string, string | null]>;

/** Which bucket and key a request names, and its query parameters (decoded, `+` kept as `+`). */
export interface RequestTarget {
  bucket: string | undefined;
  key: string | undefined;
  query: QueryPairs;
}

export function queryValue(query: QueryPairs, name: string): string | null | undefined {
  const found = query.find(([key]) => key === name);
  return found ? found[1] : undefined;
}

function percentDecode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw ossErrors.invalidArgument(`The ${what} is not valid percent-encoding.`, what, text);
  }
}

/**
 * Resolves bucket and key the way OSS does for both addressing styles: virtual-hosted
 * (`Host: <bucket>.<endpoint>`, path = key) and path style (`/<bucket>/<key>`). ali-oss pointed at an IP
 * endpoint sends the bucket in a made-up Host header; pointed at `localhost` with `sldEnable`, in the path.
 * The URL is split by hand, not with WHATWG URL, which would normalise dot segments inside keys.
 */
export function parseTarget(rawUrl: string, hostHeader: string | undefined, isBucket: (name: string) => boolean): RequestTarget {
  const mark = rawUrl.indexOf("?");
  const rawPath = (mark === -1 ? rawUrl : rawUrl.slice(0, mark)).replace(/^\/+/, "");
  const rawQuery = mark === -1 ? "" : rawUrl.slice(mark + 1);
  const query: QueryPairs = rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? [percentDecode(part, "query"), null] : [percentDecode(part.slice(0, eq), "query"), percentDecode(part.slice(eq + 1), "query")];
    });
  const host = (hostHeader ?? "").replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const label = host.split(".")[0] ?? "";
  if (host !== "localhost" && isIP(host) === 0 && host.includes(".") && isBucket(label)) {
    return { bucket: label, key: rawPath === "" ? undefined : percentDecode(rawPath, "object name"), query };
  }
  if (rawPath === "") return { bucket: undefined, key: undefined, query };
  const slash = rawPath.indexOf("/");
  const bucket = percentDecode(slash === -1 ? rawPath : rawPath.slice(0, slash), "bucket name");
  const rest = slash === -1 ? "" : rawPath.slice(slash + 1);
  return { bucket, key: rest === "" ? undefined : percentDecode(rest, "object name"), query };
}
