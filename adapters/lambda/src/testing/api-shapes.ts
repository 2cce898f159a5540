/** How a test reaches the HTTP function: which event shape, under which public URL. */
export type LambdaHttpTransport = "api-gateway-v1" | "http-api-v2" | "function-url";

export interface ApiShape {
  transport: LambdaHttpTransport;
  /** Scheme and host devices use (never contacted: requests to it become events). */
  origin: string;
  /** REST APIs serve under `/<stage>`; HTTP APIs' `$default` stage and function URLs at the root. */
  stage: string;
}

/** Realistic but never-contacted endpoints, one per transport. */
export const API_SHAPES: Record<LambdaHttpTransport, ApiShape> = {
  "api-gateway-v1": { transport: "api-gateway-v1", origin: "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", stage: "prod" },
  "http-api-v2": { transport: "http-api-v2", origin: "https://f6g7h8i9j0.execute-api.us-east-1.amazonaws.com", stage: "$default" },
  "function-url": { transport: "function-url", origin: "https://abcdefghijklmnopqrstuvwxyz234567.lambda-url.us-east-1.on.aws", stage: "$default" },
};

/** The server URL a CodePush client would be configured with. */
export function apiBaseUrl(shape: ApiShape): string {
  return shape.transport === "api-gateway-v1" ? `${shape.origin}/${shape.stage}` : shape.origin;
}
