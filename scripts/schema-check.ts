import { readFileSync } from 'node:fs';
import { subgraphSdlsFromCode } from './composition.ts';
import { checkSchema, formatReport } from './schema-changes.ts';

// Before a subgraph deploys: does the working tree still compose, and does any trusted document break?
// `npm run schema:check -- places=path/to/places.graphql` checks that SDL in place of the code's.
const workingTree = await subgraphSdlsFromCode();
for (const argument of process.argv.slice(2)) {
  const [name, file] = argument.split('=');
  if (!name || !file || !(name in workingTree)) throw new Error(`expected <subgraph>=<file.graphql>, one of ${Object.keys(workingTree).join(', ')}; got ${argument}`);
  workingTree[name] = readFileSync(file, 'utf8');
}
const report = await checkSchema({ workingTree });
console.log(formatReport(report));
process.exitCode = report.ok ? 0 : 1;
