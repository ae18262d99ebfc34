import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the compiled services and the demo database are made of: the code beside the tests, its data, its dependencies. */
const SOURCES = ['common', 'gateway', 'subgraphs', 'scripts', 'patches', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Tests cannot change what a build or a migration produces. */
const TEST_FILE = /\.test(-support)?\.ts$/;

/**
 * A short hash of every source file the run's build and its template database come from (paths
 * and contents) and of the Node version: equal fingerprints, equal build and equal demo database,
 * so the run reuses them; any change to that code makes new ones.
 */
export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256').update(process.version);
  const add = (file: string) => hash.update(`\0${file}\0`).update(readFileSync(path.join(root, file)));
  const visit = (relative: string) => {
    const entries = readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(child);
      } else if (entry.isFile() && !TEST_FILE.test(entry.name)) {
        add(child);
      }
    }
  };
  for (const source of SOURCES) {
    if (!existsSync(path.join(root, source))) continue;
    if (statSync(path.join(root, source)).isDirectory()) visit(source);
    else add(source);
  }
  return hash.digest('hex').slice(0, 16);
}
