/** The parts of npm `aliyun-api-gateway` 1.1.6 (no typings of its own) that the tests use. */
declare module "aliyun-api-gateway" {
  interface RequestOptions {
    headers?: Record<string, string>;
    signHeaders?: Record<string, string>;
    query?: Record<string, string>;
    data?: unknown;
    timeout?: number;
  }
  interface ParsedUrl {
    pathname: string;
    query: Record<string, string>;
  }
  export class Client {
    constructor(appKey: string, appSecret: string, stage?: string);
    get(url: string, options?: RequestOptions): Promise<unknown>;
    post(url: string, options?: RequestOptions): Promise<unknown>;
    buildStringToSign(method: string, headers: Record<string, string>, signedHeadersStr: string, url: ParsedUrl, data?: Record<string, string>): string;
    sign(stringToSign: string): string;
  }
}
