import { readdirSync, readFileSync } from 'node:fs';
import { stableId } from '@hoi/common/ids';
import { OPERATIONS_DIR } from '../scripts/composition.ts';
import { FIGURE_REQUESTS, type NamedRequest } from './figure-requests.ts';

/**
 * The end-to-end requests a router must answer as @apollo/gateway does: every trusted document
 * in operations/ (with the variables below: an operation added without them fails here), every
 * ```graphql example of the README, and the figure tests' requests.
 */
const OPERATION_VARIABLES: Record<string, Record<string, unknown>> = {
  ClusterWithMembers: { id: stableId('emulation:binh-thuan-bloc-8-2024') },
  FindPlaces: { search: 'lao cai', first: 5 },
  ReliefSummaryByProvince: { chapterId: stableId('red-cross:national'), period: { type: 'YEAR', year: 2022 }, unitEdition: 'CURRENT' },
};

function operations(): Record<string, NamedRequest> {
  const requests: Record<string, NamedRequest> = {};
  for (const file of readdirSync(OPERATIONS_DIR).filter((name) => name.endsWith('.graphql')).sort()) {
    const name = file.replace(/\.graphql$/, '');
    const variables = OPERATION_VARIABLES[name];
    if (!variables) throw new Error(`operations/${file} has no variables in test/end-to-end-requests.ts`);
    requests[`operations/${name}`] = { query: readFileSync(new URL(file, OPERATIONS_DIR), 'utf8'), variables };
  }
  return requests;
}

function readmeExamples(): Record<string, NamedRequest> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (!blocks.length) throw new Error('README.md has no ```graphql example');
  return Object.fromEntries(blocks.map((query, i) => [`README example ${i + 1}`, { query, variables: {} }]));
}

export function endToEndRequests(): Record<string, NamedRequest> {
  return { ...operations(), ...readmeExamples(), ...Object.fromEntries(Object.entries(FIGURE_REQUESTS).map(([name, request]) => [`figures/${name}`, request])) };
}
