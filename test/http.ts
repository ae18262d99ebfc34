import { tokenFor } from './graphql.ts';

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

let admin: Promise<string> | undefined;

/** Posts one operation with the headers a client chooses, and keeps the HTTP status and headers. */
export async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const token = options.token ?? (await (admin ??= tokenFor({ role: 'national_admin' })));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...options.headers };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as HttpAnswer<T>['body'] };
}

export const errorCode = (answer: HttpAnswer) => answer.body.errors?.[0]?.extensions?.code;
