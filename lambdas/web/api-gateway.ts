/**
 * Translation between API Gateway HTTP API events (payload format 2.0) and the web app's request and
 * response. Lambda function URLs send the very same shape, so this serves either front door.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_BODY_BYTES, queryFromSearch, type WebRequest, type WebResponse } from './http';

export function fromHttpApiEvent(event: APIGatewayProxyEventV2): WebRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  let body = event.body ?? '';
  if (event.isBase64Encoded) {
    // Decode no more than the app will look at: an oversized body is answered 413 either way.
    body = Buffer.from(body.slice(0, Math.ceil(((MAX_BODY_BYTES + 1) * 4) / 3) + 4), 'base64')
      .subarray(0, MAX_BODY_BYTES + 1)
      .toString('utf8');
  } else if (body.length > MAX_BODY_BYTES + 1) {
    body = body.slice(0, MAX_BODY_BYTES + 1);
  }
  return {
    method: event.requestContext.http.method,
    path: event.rawPath || '/',
    query: queryFromSearch(event.rawQueryString ?? ''),
    headers,
    body,
    sourceIp: event.requestContext.http.sourceIp ?? '',
  };
}

export function toHttpApiResult(res: WebResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: res.status, headers: res.headers, body: res.body, isBase64Encoded: false };
}
