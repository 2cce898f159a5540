import protobuf from "protobufjs/light.js";

/** One SLS log: a time in seconds and string key/value contents (SLS stores every value as a string). */
export interface SlsLog {
  time: number;
  contents: Array<[key: string, value: string]>;
}

export interface SlsLogGroup {
  logs: SlsLog[];
  topic?: string;
  source?: string;
  tags?: Array<[key: string, value: string]>;
}

/**
 * The PutLogs body schema, as SLS documents it ("Data encoding"): `Log {uint32 Time = 1; repeated
 * Content Contents = 2; fixed32 Time_ns = 4}`, `LogGroup {repeated Log Logs = 1; Topic = 3; Source = 4;
 * repeated LogTag LogTags = 6}`. Written as a protobufjs JSON descriptor so no .proto parser ships.
 */
const pair = { fields: { Key: { rule: "required", type: "string", id: 1 }, Value: { rule: "required", type: "string", id: 2 } } };
const root = protobuf.Root.fromJSON({
  nested: {
    sls: {
      nested: {
        Log: {
          fields: {
            Time: { rule: "required", type: "uint32", id: 1 },
            Contents: { rule: "repeated", type: "Content", id: 2 },
            TimeNs: { type: "fixed32", id: 4 },
          },
          nested: { Content: pair },
        },
        LogTag: pair,
        LogGroup: {
          fields: {
            Logs: { rule: "repeated", type: "Log", id: 1 },
            Topic: { type: "string", id: 3 },
            Source: { type: "string", id: 4 },
            LogTags: { rule: "repeated", type: "LogTag", id: 6 },
          },
        },
      },
    },
  },
});
const LogGroup = root.lookupType("sls.LogGroup");

export function encodeLogGroup(group: SlsLogGroup): Uint8Array {
  const message = LogGroup.fromObject({
    Logs: group.logs.map((log) => ({ Time: log.time, Contents: log.contents.map(([Key, Value]) => ({ Key, Value })) })),
    ...(group.topic !== undefined ? { Topic: group.topic } : {}),
    ...(group.source !== undefined ? { Source: group.source } : {}),
    ...(group.tags ? { LogTags: group.tags.map(([Key, Value]) => ({ Key, Value })) } : {}),
  });
  return LogGroup.encode(message).finish();
}
