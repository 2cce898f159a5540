import type { APIGatewayProxyResult } from "aws-lambda";
import { encodeResponseBody, headersWithoutCookies } from "./response-body.js";

/**
 * Response → REST proxy result. API Gateway answers 502 "Malformed Lambda proxy response" unless
 * `statusCode` is a number and `body` a string, so both are always set. Set-Cookie values go in
 * `multiValueHeaders` (a single-value map would keep only one).
 */
export async function resultForApiGatewayV1(response: Response): Promise<APIGatewayProxyResult> {
  const { body, isBase64Encoded } = await encodeResponseBody(response);
  const cookies = response.headers.getSetCookie();
  return {
    statusCode: response.status,
    headers: headersWithoutCookies(response),
    ...(cookies.length > 0 ? { multiValueHeaders: { "set-cookie": cookies } } : {}),
    body,
    isBase64Encoded,
  };
}
