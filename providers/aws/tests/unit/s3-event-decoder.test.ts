import { InvalidRequestError } from "@hotpatch/core";
import { S3EventDecoder, decodeS3EventKey, encodeS3EventKey } from "@hotpatch/provider-aws";
import { describe, expect, it } from "vitest";
import mixed from "../fixtures/s3-notification-mixed.json" with { type: "json" };
import put from "../fixtures/s3-notification-put.json" with { type: "json" };

describe("S3EventDecoder", () => {
  const decoder = new S3EventDecoder();

  it("decodes a PutObject notification: form-URL-encoded key, quoted ETag", () => {
    expect(decoder.decode(put)).toEqual([
      {
        type: "ObjectCreated",
        key: "src/shop/Staging/release candidate+1 (final).zip",
        size: 1048576,
        etag: '"d41d8cd98f00b204e9800998ecf8427e"',
      },
    ]);
  });

  it("keeps ObjectCreated records under src/ only (deletes and other prefixes are dropped)", () => {
    expect(decoder.decode(mixed)).toEqual([
      { type: "ObjectCreated", key: "src/shop/Production/big.zip", size: 26214400, etag: '"9b2cf535f27731c974343645a3985328-5"' },
    ]);
    expect(new S3EventDecoder({ prefix: "" }).decode(mixed).map((event) => event.key)).toEqual(["src/shop/Production/big.zip", "packages/abc"]);
  });

  it("treats S3's configuration test event as no events", () => {
    expect(decoder.decode({ Service: "Amazon S3", Event: "s3:TestEvent", Time: "2026-03-14T09:00:00.000Z", Bucket: "b" })).toEqual([]);
  });

  it("refuses payloads that are not S3 notifications, naming what is missing", () => {
    expect(() => decoder.decode({ events: [] })).toThrow(InvalidRequestError);
    expect(() => decoder.decode("Records")).toThrow(/JSON object/);
    const noKey = structuredClone(put);
    Reflect.deleteProperty(noKey.Records[0]!.s3.object, "key");
    expect(() => decoder.decode(noKey)).toThrow(/Records\[0\]\.s3\.object\.key/);
    const badEncoding = structuredClone(put);
    badEncoding.Records[0]!.s3.object.key = "src/shop/Staging/%E0%A4%A.zip";
    expect(() => decoder.decode(badEncoding)).toThrow(/URL encoding/);
  });

  it("ignores records from other event sources", () => {
    const other = structuredClone(put);
    other.Records[0]!.eventSource = "acs:oss";
    expect(decoder.decode(other)).toEqual([]);
  });

  it("rejects unknown options", () => {
    expect(() => new S3EventDecoder({ prefx: "src/" } as never)).toThrow(/prefx/);
  });
});

describe("S3 event key encoding", () => {
  it.each([
    ["src/my app/Staging/a b.zip", "src/my+app/Staging/a+b.zip"],
    ["src/app/Staging/a+b=c&d.zip", "src/app/Staging/a%2Bb%3Dc%26d.zip"],
    ["src/ünï/Staging/😀.zip", "src/%C3%BCn%C3%AF/Staging/%F0%9F%98%80.zip"],
  ])("%j ⇄ %j", (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
    expect(decodeS3EventKey(encoded)).toBe(key);
  });
});
