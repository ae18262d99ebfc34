import { describe, expect, it } from 'vitest';
import { gatewayUrl } from '../../test/graphql.ts';

describe('gateway explorer', () => {
  it('serves GraphiQL with every asset inlined, so it works without a CDN', async () => {
    const response = await fetch(gatewayUrl(), { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>hoi-graph explorer</title>');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  it('still answers GraphQL on the same URL', async () => {
    const response = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ administrativeUnit(id: "CURRENT:01") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { administrativeUnit: { name: 'Thành phố Hà Nội' } } });
  });
});
