import { InvalidAlibabaOptionsError } from "./errors.js";

/** An AccessKey pair, or the STS triple of a RAM role (what FC hands a function in `context.credentials`). */
export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Where a client reads its credentials each time it needs them; STS credentials rotate. */
export interface CredentialsProvider {
  current(): AlibabaCredentials;
}

export function isCredentialsProvider(value: AlibabaCredentials | CredentialsProvider): value is CredentialsProvider {
  return typeof (value as CredentialsProvider).current === "function";
}

export function staticCredentials(credentials: AlibabaCredentials): CredentialsProvider {
  const checked = checkCredentials(credentials);
  return { current: () => checked };
}

/**
 * Credentials that the FC adapter refreshes from every invocation's `context.credentials` (they rotate,
 * and are valid for hours). Until the first invocation it serves `initial` (e.g. the
 * `ALIBABA_CLOUD_*` variables FC sets), so an instance can be composed before it is invoked.
 */
export class RotatingCredentials implements CredentialsProvider {
  #current: AlibabaCredentials | undefined;

  constructor(initial?: AlibabaCredentials) {
    this.#current = initial ? checkCredentials(initial) : undefined;
  }

  /** Takes the credentials of an invocation; incomplete ones (no role configured) are ignored. */
  update(credentials: Partial<AlibabaCredentials> | undefined): void {
    if (!credentials?.accessKeyId || !credentials.accessKeySecret) return;
    this.#current = {
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
    };
  }

  current(): AlibabaCredentials {
    if (!this.#current) {
      throw new InvalidAlibabaOptionsError(
        "no Alibaba Cloud credentials yet: give the function a role (FC then passes STS credentials) or configure an AccessKey",
        "credentials",
      );
    }
    return this.#current;
  }
}

function checkCredentials(credentials: AlibabaCredentials): AlibabaCredentials {
  // Messages name the missing field only; a credential value never appears in an error.
  if (typeof credentials?.accessKeyId !== "string" || credentials.accessKeyId === "") {
    throw new InvalidAlibabaOptionsError("credentials need an accessKeyId", "accessKeyId");
  }
  if (typeof credentials.accessKeySecret !== "string" || credentials.accessKeySecret === "") {
    throw new InvalidAlibabaOptionsError("credentials need an accessKeySecret", "accessKeySecret");
  }
  if (credentials.securityToken !== undefined && (typeof credentials.securityToken !== "string" || credentials.securityToken === "")) {
    throw new InvalidAlibabaOptionsError("securityToken must be a non-empty string when set", "securityToken");
  }
  return { ...credentials };
}
