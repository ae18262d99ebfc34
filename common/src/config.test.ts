import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecretFiles, SECRET_VARIABLES } from './config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hoi-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(SECRET_VARIABLES)('%s from %s_FILE', (name) => {
  const file = path.join(dir, name);

  it('reads the file, the final newline and surrounding blanks trimmed', () => {
    writeFileSync(file, '  value-of-it\n');
    const env: NodeJS.ProcessEnv = { [`${name}_FILE`]: file };
    loadSecretFiles(env);
    expect(env[name]).toBe('value-of-it');
  });

  it('refuses both forms at once, an unreadable file and an empty one, naming the variable', () => {
    writeFileSync(file, 'from-file\n');
    expect(() => loadSecretFiles({ [name]: 'direct', [`${name}_FILE`]: file })).toThrow(`${name} and ${name}_FILE are both set`);
    expect(() => loadSecretFiles({ [`${name}_FILE`]: path.join(dir, 'missing') })).toThrow(`${name}_FILE names`);
    writeFileSync(file, '\n');
    expect(() => loadSecretFiles({ [`${name}_FILE`]: file })).toThrow('which is empty');
  });

  it('leaves the variable alone without _FILE', () => {
    const env: NodeJS.ProcessEnv = { [name]: 'direct' };
    loadSecretFiles(env);
    expect(env).toEqual({ [name]: 'direct' });
  });
});
