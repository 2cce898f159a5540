import { xmlDocument, type XmlNode } from "./xml.js";

/** An error answer in OSS's shape: status, `<Error><Code>…` XML, and extra elements (Key, Header, …). */
export class OssEmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
    /** OSS's fine-grained error code, where the documentation names one. */
    readonly ec?: string,
  ) {
    super(message);
    this.name = "OssEmulatorError";
  }

  toXml(requestId: string, hostId: string): string {
    const body: XmlNode = { Code: this.code, Message: this.message, RequestId: requestId, HostId: hostId, ...this.extra };
    if (this.ec) body.EC = this.ec;
    return xmlDocument("Error", body);
  }
}

export const ossErrors = {
  noSuchKey: (key: string) => new OssEmulatorError(404, "NoSuchKey", "The specified key does not exist.", { Key: key }, "0026-00000001"),
  noSuchBucket: (bucket: string) => new OssEmulatorError(404, "NoSuchBucket", "The specified bucket does not exist.", { BucketName: bucket }),
  accessDenied: (message: string) => new OssEmulatorError(403, "AccessDenied", message),
  invalidAccessKeyId: (id: string) => new OssEmulatorError(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.", { OSSAccessKeyId: id }),
  signatureDoesNotMatch: (stringToSign: string, id: string) =>
    new OssEmulatorError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", {
      StringToSign: stringToSign,
      OSSAccessKeyId: id,
    }),
  requestTimeTooSkewed: () => new OssEmulatorError(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."),
  notImplemented: (header: string) =>
    new OssEmulatorError(400, "NotImplemented", "A header you provided implies functionality that is not implemented.", { Header: header }, "0017-00000245"),
  fileAlreadyExists: (key: string) => new OssEmulatorError(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.", { Key: key }),
  invalidDigest: () => new OssEmulatorError(400, "InvalidDigest", "The Content-MD5 you specified was invalid."),
  preconditionFailed: (condition: string) => new OssEmulatorError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.", { Condition: condition }),
  invalidArgument: (message: string, name: string, value: string) => new OssEmulatorError(400, "InvalidArgument", message, { ArgumentName: name, ArgumentValue: value }),
  unsupported: (what: string) => new OssEmulatorError(501, "NotImplemented", `The emulator does not implement ${what}.`),
};
