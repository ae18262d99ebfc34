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

describe('token lifetime', () => {
  it('refuses a token that lives longer than the configured maximum, however it is signed', async () => {
    const verify = createCallerVerifier({ secret, maxLifetimeSeconds: 600 });
    const claims = { subject: 'x', role: 'analyst' } as const;
    await expect(verify(`Bearer ${await signToken(secret, claims, '10m')}`)).resolves.toMatchObject({ role: 'analyst' });
    await expect(verify(`Bearer ${await signToken(secret, claims, '11m')}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts what npm run tokens and the tests sign under the default of 24 hours', async () => {
    const verify = createCallerVerifier({ secret });
    for (const lifetime of ['1h', '8h', '12h', '24h']) {
      await expect(verify(`Bearer ${await signToken(secret, { subject: lifetime, role: 'analyst' }, lifetime)}`), lifetime).resolves.toMatchObject({ subject: lifetime });
    }
    await expect(verify(`Bearer ${await signToken(secret, { subject: 'y', role: 'analyst' }, '25h')}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
