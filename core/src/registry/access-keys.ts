import type { AccessKey } from "../domain/registry.js";
import { isWellFormedKey } from "../domain/validation.js";
import { ConflictError, InvalidRequestError, NotFoundError, UnauthorizedError } from "../errors.js";
import type { Logger } from "../ports/logger.port.js";
import { sha256Hex } from "../package/package-hash.js";
import { generateId, generateKey, type Registry } from "./registry.js";

export const DEFAULT_ACCESS_KEY_TTL_MS = 60 * 24 * 60 * 60 * 1000; // 60 days, as CodePush

export interface CreateAccessKeyInput {
  friendlyName?: unknown;
  ttl?: unknown;
  createdBy?: unknown;
  isSession?: boolean;
  /** Use this secret instead of generating one (a key supplied by configuration). */
  secret?: string;
}

/** Access keys for the management API. Only a SHA-256 of each secret is stored. */
export class AccessKeys {
  constructor(
    private readonly registry: Registry,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The key holding `secret`, if it exists and has not expired. Always reads the latest registry, so a
   * revoked or expired key is refused on the very next request.
   */
  async authenticate(secret: string | undefined): Promise<AccessKey> {
    if (!secret) throw new UnauthorizedError("missing access key: send 'Authorization: Bearer <access key>'");
    if (!isWellFormedKey(secret)) throw new UnauthorizedError("the access key is malformed");
    const { state } = await this.registry.read();
    const hash = sha256Hex(secret);
    const key = state.accessKeys.find((k) => k.secretHash === hash);
    if (!key) throw new UnauthorizedError("the access key is not valid");
    if (key.expires <= this.now()) throw new UnauthorizedError("the access key has expired");
    return key;
  }

  async list(): Promise<AccessKey[]> {
    const { state } = await this.registry.read();
    return [...state.accessKeys].sort((a, b) => a.createdTime - b.createdTime);
  }

  async count(): Promise<number> {
    return (await this.registry.read()).state.accessKeys.length;
  }

  async create(input: CreateAccessKeyInput): Promise<{ accessKey: AccessKey; secret: string }> {
    const friendlyName = input.friendlyName;
    if (typeof friendlyName !== "string" || friendlyName.trim() === "") {
      throw new InvalidRequestError("friendlyName is required and must not be blank", "friendlyName");
    }
    const ttl = input.ttl === undefined ? DEFAULT_ACCESS_KEY_TTL_MS : parseTtl(input.ttl, false);
    const secret = input.secret ?? generateKey();
    if (!isWellFormedKey(secret)) throw new InvalidRequestError("access key must be 10-100 characters of [A-Za-z0-9_-]", "accessKey");
    const accessKey: AccessKey = {
      id: generateId(),
      friendlyName,
      secretHash: sha256Hex(secret),
      createdBy: typeof input.createdBy === "string" && input.createdBy ? input.createdBy : "hotpatch",
      createdTime: this.now(),
      expires: this.now() + ttl,
      ...(input.isSession ? { isSession: true } : {}),
    };
    await this.registry.append((state) => {
      if (state.accessKeys.some((k) => k.friendlyName === friendlyName)) {
        throw new ConflictError(`an access key named "${friendlyName}" already exists`);
      }
      if (state.accessKeys.some((k) => k.secretHash === accessKey.secretHash)) {
        throw new ConflictError("that access key already exists");
      }
      return { type: "accessKeyCreated", accessKey };
    });
    this.logger.info("access key created", { friendlyName, expires: accessKey.expires });
    return { accessKey, secret };
  }

  /** The key holding this secret, expired or not (no error when there is none). */
  async findBySecret(secret: string): Promise<AccessKey | undefined> {
    const hash = sha256Hex(secret);
    return (await this.registry.read()).state.accessKeys.find((k) => k.secretHash === hash);
  }

  /** Finds a key by its friendly name, else by its secret (names win: they are what people type). */
  async get(nameOrSecret: string): Promise<AccessKey> {
    const { state } = await this.registry.read();
    const hash = sha256Hex(nameOrSecret);
    const key = state.accessKeys.find((k) => k.friendlyName === nameOrSecret) ?? state.accessKeys.find((k) => k.secretHash === hash);
    if (!key) throw new NotFoundError(`access key "${maskIfSecret(nameOrSecret)}" does not exist`);
    return key;
  }

  async update(nameOrSecret: string, changes: { friendlyName?: unknown; ttl?: unknown }): Promise<AccessKey> {
    const { friendlyName, ttl } = changes;
    if (friendlyName !== undefined && (typeof friendlyName !== "string" || friendlyName.trim() === "")) {
      throw new InvalidRequestError("friendlyName must not be blank", "friendlyName");
    }
    const expires = ttl === undefined ? undefined : this.now() + parseTtl(ttl, true);
    const key = await this.get(nameOrSecret);
    await this.registry.append((state) => {
      if (!state.accessKeys.some((k) => k.id === key.id)) throw new NotFoundError("the access key no longer exists");
      if (friendlyName !== undefined && state.accessKeys.some((k) => k.id !== key.id && k.friendlyName === friendlyName)) {
        throw new ConflictError(`an access key named "${friendlyName}" already exists`);
      }
      return {
        type: "accessKeyUpdated",
        id: key.id,
        ...(typeof friendlyName === "string" ? { friendlyName } : {}),
        ...(expires !== undefined ? { expires } : {}),
      };
    });
    return this.get(typeof friendlyName === "string" ? friendlyName : key.friendlyName);
  }

  async remove(nameOrSecret: string): Promise<void> {
    const key = await this.get(nameOrSecret);
    await this.registry.append((state) =>
      state.accessKeys.some((k) => k.id === key.id) ? { type: "accessKeyDeleted", id: key.id } : null,
    );
    this.logger.info("access key deleted", { friendlyName: key.friendlyName });
  }

  /** Deletes the session keys created by one machine (`DELETE /sessions/:createdBy`). */
  async removeSessions(createdBy: string): Promise<void> {
    const sessions = (await this.list()).filter((k) => k.isSession && k.createdBy === createdBy);
    if (sessions.length === 0) throw new NotFoundError(`there are no sessions for "${createdBy}"`);
    for (const s of sessions) await this.remove(s.friendlyName);
  }
}

function parseTtl(ttl: unknown, allowZero: boolean): number {
  if (typeof ttl !== "number" || !Number.isSafeInteger(ttl) || ttl < 0 || (!allowZero && ttl === 0)) {
    throw new InvalidRequestError(`ttl must be a ${allowZero ? "non-negative" : "positive"} whole number of milliseconds`, "ttl");
  }
  return ttl;
}

/** Never echo something that may be a secret back in an error. */
function maskIfSecret(value: string): string {
  return isWellFormedKey(value) && value.length >= 30 ? "(hidden)" : value;
}
