import { InvalidRequestError } from "@hotpatch/core";
import { InvalidTriggerEventError, OssTriggerDecoder, OssTriggerEventSource } from "@hotpatch/provider-alibaba";
import { describe, expect, it } from "vitest";

/** The documented OSS-trigger record (platforms.md §1.8), with the key replaced per test. */
function record(key: string, overrides: Record<string, unknown> = {}) {
  return {
    eventName: "ObjectCreated:PutObject",
    eventSource: "acs:oss",
    eventTime: "2022-08-13T06:45:43.000Z",
    eventVersion: "1.0",
    oss: {
      bucket: { arn: "acs:oss:cn-hangzhou:123456789:testbucket", name: "testbucket", ownerIdentity: "164901546557****", virtualBucket: "" },
      object: { deltaSize: 122539, eTag: "688A7BF4F233DC9C88A80BF985AB0000", key, size: 122539 },
      ossSchemaVersion: "1.0",
      ruleId: "9adac8e253828f4f7c0466d941fa3db81161****",
    },
    region: "cn-hangzhou",
    requestParameters: { sourceIPAddress: "140.205.XX.XX" },
    responseElements: { requestId: "58F9FF2D3DF792092E12044C" },
    userIdentity: { principalId: "164901546557****" },
    ...overrides,
  };
}
const buffer = (...records: unknown[]): Buffer => Buffer.from(JSON.stringify({ events: records }));

describe("OssTriggerDecoder", () => {
  it("turns a Buffer payload into ObjectCreated with a decoded key and the quoted ETag OSS answers on HEAD", () => {
    const events = new OssTriggerDecoder().decode(buffer(record("src/my%20app/Staging/bundle%2B1.zip")));
    expect(events).toEqual([{ type: "ObjectCreated", key: "src/my app/Staging/bundle+1.zip", size: 122539, etag: '"688A7BF4F233DC9C88A80BF985AB0000"' }]);
  });

  it("accepts a string or an already parsed object", () => {
    const payload = { events: [record("src/a/b/c.zip")] };
    expect(new OssTriggerDecoder().decode(JSON.stringify(payload))).toHaveLength(1);
    expect(new OssTriggerDecoder().decode(payload as never)).toHaveLength(1);
  });

  it("ignores deletes, other sources, keys outside the prefix and other buckets", () => {
    const decoder = new OssTriggerDecoder({ bucket: "testbucket" });
    const events = decoder.decode(
      buffer(
        record("src/a/b/deleted.zip", { eventName: "ObjectRemoved:DeleteObject" }),
        record("src/a/b/other.zip", { eventSource: "acs:mns" }),
        record("packages/abc"),
        record("srcx/a/b/c.zip"),
        { ...record("src/a/b/elsewhere.zip"), oss: { ...record("x").oss, bucket: { name: "another" }, object: { key: "src/a/b/elsewhere.zip", eTag: "AA", size: 1 } } },
        record("src/a/b/copied.zip", { eventName: "ObjectCreated:CopyObject" }),
        record("src/a/b/prefixed.zip", { eventName: "oss:ObjectCreated:PostObject" }),
      ),
    );
    expect(events.map((e) => e.key)).toEqual(["src/a/b/copied.zip", "src/a/b/prefixed.zip"]);
  });

  it("keeps a key that is not valid percent-encoding, and can be told keys arrive plain", () => {
    expect(new OssTriggerDecoder().decode(buffer(record("src/a/b/100%.zip")))[0]?.key).toBe("src/a/b/100%.zip");
    expect(new OssTriggerDecoder({ keyEncoding: "plain" }).decode(buffer(record("src/a/b/x%20y.zip")))[0]?.key).toBe("src/a/b/x%20y.zip");
  });

  it("refuses a payload that is not an OSS event with a 400-class error", () => {
    for (const bad of [Buffer.from("not json"), Buffer.from('{"version":"v1","rawPath":"/"}')]) {
      let error: unknown;
      try {
        new OssTriggerDecoder().decode(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidTriggerEventError);
      expect(error).toBeInstanceOf(InvalidRequestError);
    }
  });

  it("rejects unknown options", () => {
    expect(() => new OssTriggerDecoder({ prefx: "src/" } as never)).toThrow(/prefx/);
  });
});

describe("OssTriggerEventSource", () => {
  it("delivers each event to every subscriber and reports failures instead of throwing", async () => {
    const source = new OssTriggerEventSource();
    const seen: string[] = [];
    source.subscribe(async () => {
      throw new Error("boom (expected)");
    });
    const unsubscribe = source.subscribe(async (event) => {
      seen.push(event.key);
    });
    const report = await source.deliver(buffer(record("src/a/b/1.zip"), record("src/a/b/2.zip")));
    expect(seen).toEqual(["src/a/b/1.zip", "src/a/b/2.zip"]);
    expect(report.events).toHaveLength(2);
    expect(report.failures).toHaveLength(2);
    unsubscribe();
    await source.deliver(buffer(record("src/a/b/3.zip")));
    expect(seen).toHaveLength(2);
  });
});
