import { isCredentialsProvider, staticCredentials, type AlibabaCredentials, type CredentialsProvider } from "../../credentials.js";
import { InvalidAlibabaOptionsError } from "../../errors.js";
import { rejectUnknownKeys, requireNonEmptyString } from "../../options.js";
import { encodeLogGroup, type SlsLogGroup } from "./log-group.js";
import { putLogsAuthorization, putLogsStringToSign, slsContentMd5 } from "./put-logs-signature.js";

export interface PutLogsClientOptions {
  project: string;
  logstore: string;
  /** The region's SLS endpoint host, e.g. `cn-hangzhou.log.aliyuncs.com` (or `…-intranet…`); requests go to `https://<project>.<endpoint>`. */
  endpoint?: string;
  /** Instead of `endpoint`: a base URL used as it is (a proxy, or a fake SLS on 127.0.0.1 in tests). */
  baseUrl?: string;
  credentials: AlibabaCredentials | CredentialsProvider;
  fetch?: typeof fetch;
  now?: () => Date;
}

const OPTION_KEYS = ["project", "logstore", "endpoint", "baseUrl", "credentials", "fetch", "now"];

/** A PutLogs answer other than 200; `code` is SLS's `errorCode` (e.g. `SignatureNotMatch`). */
export class SlsRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = "SlsRequestError";
  }
}

/**
 * PutLogs (`POST /logstores/<logstore>/shards/lb`, a protobuf LogGroup, `LOG` HMAC-SHA1 signature) for
 * writing to SLS from outside FC. Inside FC, stdout + the function's logConfig is simpler and free.
 */
export class PutLogsClient {
  readonly #url: string;
  readonly #resource: string;
  readonly #credentials: CredentialsProvider;
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;

  constructor(options: PutLogsClientOptions) {
    rejectUnknownKeys(options, OPTION_KEYS, "PutLogsClient");
    const project = requireNonEmptyString(options.project, "project", "PutLogsClient");
    const logstore = requireNonEmptyString(options.logstore, "logstore", "PutLogsClient");
    if ((options.endpoint === undefined) === (options.baseUrl === undefined)) {
      throw new InvalidAlibabaOptionsError('PutLogsClient needs exactly one of "endpoint" and "baseUrl"', "endpoint");
    }
    const base = options.baseUrl !== undefined ? options.baseUrl.replace(/\/+$/, "") : `https://${project}.${options.endpoint}`;
    this.#resource = `/logstores/${encodeURIComponent(logstore)}/shards/lb`;
    this.#url = `${base}${this.#resource}`;
    this.#credentials = isCredentialsProvider(options.credentials) ? options.credentials : staticCredentials(options.credentials);
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? (() => new Date());
  }

  async putLogs(group: SlsLogGroup): Promise<void> {
    const body = encodeLogGroup(group);
    const credentials = this.#credentials.current();
    const contentType = "application/x-protobuf";
    const contentMd5 = slsContentMd5(body);
    const date = this.#now().toUTCString();
    const signed: Record<string, string> = {
      "x-log-apiversion": "0.6.0",
      "x-log-signaturemethod": "hmac-sha1",
      "x-log-bodyrawsize": String(body.byteLength),
      ...(credentials.securityToken ? { "x-acs-security-token": credentials.securityToken } : {}),
    };
    const stringToSign = putLogsStringToSign({ method: "POST", contentMd5, contentType, date, headers: signed, resource: this.#resource });
    const response = await this.#fetch(this.#url, {
      method: "POST",
      headers: {
        ...signed,
        "Content-Type": contentType,
        "Content-MD5": contentMd5,
        Date: date,
        Authorization: putLogsAuthorization(credentials.accessKeyId, credentials.accessKeySecret, stringToSign),
      },
      body: Uint8Array.from(body), // an ArrayBuffer-backed copy, as BodyInit requires
    });
    if (response.status === 200) {
      await response.body?.cancel();
      return;
    }
    const text = await response.text();
    let code: string | undefined;
    let detail = text.slice(0, 200);
    try {
      const parsed = JSON.parse(text) as { errorCode?: unknown; errorMessage?: unknown };
      if (typeof parsed.errorCode === "string") code = parsed.errorCode;
      if (typeof parsed.errorMessage === "string") detail = parsed.errorMessage;
    } catch {
      // not JSON: keep the start of the text
    }
    const requestId = response.headers.get("x-log-requestid") ?? undefined;
    throw new SlsRequestError(`SLS PutLogs answered ${response.status}${code ? ` ${code}` : ""}: ${detail}`, response.status, code, requestId);
  }
}
