import { describe, expect, it } from 'vitest';
import { trustedProxies } from './http.ts';

describe('HOI_TRUSTED_PROXIES', () => {
  it.each([
    ['', false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.5 ,uniquelocal', ['10.0.0.0/8', '192.168.1.5', 'uniquelocal']],
  ] as const)('%j trusts %j', (value, expected) => {
    expect(trustedProxies(value)).toEqual(expected);
  });

  it('refuses to trust every hop, which would let any client choose its address', () => {
    expect(() => trustedProxies('true')).toThrow(/HOI_TRUSTED_PROXIES/);
  });
});
