import { serverAudits, type AuditResult } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { gatewayUrl, subgraphUrl } from './graphql.ts';

/**
 * The GraphQL-over-HTTP audit suite of the `graphql-http` package, against the gateway and each
 * subgraph. Every audit passes but three optional (MAY) ones, about GET requests, which Apollo's
 * CSRF prevention refuses by design: a GET without a preflight-forcing header (a content-type other
 * than a form's, or `apollo-require-preflight`) could be sent by any page a user visits.
 */
const REFUSED_BY_CSRF_PREVENTION = new Set([
  '5A70', // MAY accept application/x-www-form-urlencoded formatted GET requests
  'D6D5', // MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json
  '6A70', // MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json
]);

const SERVICES = [
  ['gateway', gatewayUrl],
  ['places', () => subgraphUrl('places')],
  ['red-cross', () => subgraphUrl('red-cross')],
  ['elderly', () => subgraphUrl('elderly')],
  ['emulation', () => subgraphUrl('emulation')],
] as const;

describe.each(SERVICES)('the GraphQL-over-HTTP audit of %s', (_name, url) => {
  it('passes every audit but the GETs that CSRF prevention refuses', async () => {
    const audits = serverAudits({ url: url() });
    expect(audits.length).toBeGreaterThanOrEqual(60);
    const results: AuditResult[] = [];
    for (const audit of audits) results.push(await audit.fn());
    const failed = results.filter((result) => result.status !== 'ok');
    expect(failed.map((result) => `${result.id} ${result.status}`).sort()).toEqual([...REFUSED_BY_CSRF_PREVENTION].map((id) => `${id} notice`).sort());
    for (const result of failed) {
      // Refused as a possible cross-site request forgery, with the request id, not for anything else.
      expect(result.response.status).toBe(400);
      const body = (await result.response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
    }
  });
});
