import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { build } from '../scripts/build.ts';

/** Another run's build (older code, or a build stopped halfway) is removed once it has not been used for this long. */
const UNUSED_FOR_MS = 60 * 60 * 1000;

/**
 * The services compiled for the tests (`npm run build`'s build() without the type check, which
 * `npm test`'s tsc --noEmit does), in `.data/test-dist-<fingerprint>`: a run of unchanged code
 * reuses the last run's. It is built under a name of its own and renamed once complete, so a run
 * stopped halfway leaves no half build to reuse, and two runs building it at once both end with one.
 */
export async function cachedBuild(root: string, fingerprint: string): Promise<string> {
  const data = path.join(root, '.data');
  const dir = path.join(data, `test-dist-${fingerprint}`);
  if (!existsSync(dir)) {
    const building = `${dir}-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      await build({ outDir: building, typeCheck: false });
      renameSync(building, dir);
    } catch (error) {
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(dir)) throw error; // else another run finished the same build first
    }
  }
  const now = new Date();
  utimesSync(dir, now, now); // in use: not removed by a run of other code meanwhile
  for (const name of readdirSync(data)) {
    const other = path.join(data, name);
    if (name.startsWith('test-dist-') && other !== dir && Date.now() - statSync(other).mtimeMs > UNUSED_FOR_MS) rmSync(other, { recursive: true, force: true });
  }
  return dir;
}
