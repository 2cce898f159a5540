import { AccessKeys, type AccessKey, type Hotpatch, type Logger } from "@hotpatch/core";

/** Who the management API says acted, when nobody has to say who they are. */
const ANONYMOUS: AccessKey = {
  id: "anonymous",
  friendlyName: "anonymous",
  secretHash: "",
  createdBy: "HOTPATCH_AUTH=none",
  createdTime: 0,
  expires: Number.MAX_SAFE_INTEGER,
};

/** Every management request passes as the anonymous operator. */
class OpenAccessKeys extends AccessKeys {
  override async authenticate(): Promise<AccessKey> {
    return ANONYMOUS;
  }
}

/**
 * HOTPATCH_AUTH=none: the HTTP app still asks for an access key on management routes; this answers
 * "yes" for anyone. Only a loopback-bound local server may be configured this way (resolve-config.ts).
 */
export function withOpenManagement(hotpatch: Hotpatch, logger: Logger): Hotpatch {
  return { ...hotpatch, accessKeys: new OpenAccessKeys(hotpatch.registry, logger) };
}
