import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCallerVerifier, signToken } from './identity.ts';

const secret = randomBytes(32).toString('base64url');

describe('bearer tokens', () => {
  it('are remembered once verified, but never past their expiry', async () => {
    const verify = createCallerVerifier({ secret });
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const token = await signToken(secret, { subject: 'officer-1', role: 'national_admin', scope: ['x'] }, expiresAt);
    const first = await verify(`Bearer ${token}`);
    expect(first).toEqual({ role: 'national_admin', scopeIds: ['x'], subject: 'officer-1', subgraph: null });
    expect(await verify(`Bearer ${token}`)).toBe(first);
    // What is remembered cannot be changed by one request for the next.
    expect(Object.isFrozen(first) && Object.isFrozen(first.scopeIds)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, expiresAt * 1000 - Date.now() + 50));
    await expect(verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('are not remembered when forged', async () => {
    const verify = createCallerVerifier({ secret });
    const forged = await signToken(randomBytes(32).toString('base64url'), { subject: 'x', role: 'national_admin' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(verify(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});
