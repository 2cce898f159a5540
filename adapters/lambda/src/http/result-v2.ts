import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { encodeResponseBody, headersWithoutCookies } from "./response-body.js";

/**
 * Response → HTTP API / function URL result. Always the structured form: a bare value would be taken as a
 * 200 JSON body. Set-Cookie values go in `cookies[]`, as the 2.0 format requires.
 */
export async function resultForApiGatewayV2(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const { body, isBase64Encoded } = await encodeResponseBody(response);
  const cookies = response.headers.getSetCookie();
  return {
    statusCode: response.status,
    headers: headersWithoutCookies(response),
    ...(cookies.length > 0 ? { cookies } : {}),
    body,
    isBase64Encoded,
  };
}
