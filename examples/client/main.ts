import { createClient } from './client.ts';
import { clusterMembers, reliefByProvince } from './reports.ts';

/**
 * The example program: `npx tsx examples/client/main.ts [gateway URL]` against `npm start`'s demo
 * data. HOI_TOKEN signs the calls in, when set. The ids default to the demo's national Red Cross
 * chapter and Bình Thuận's emulation cluster 8 of 2024.
 */
const url = process.argv[2] ?? 'http://localhost:4000/graphql';
const chapterId = process.env.CHAPTER_ID ?? '60f20dd5-f3e9-5dc0-9a47-ee21f1423fe7';
const clusterId = process.env.CLUSTER_ID ?? 'ca84aa6d-c23f-5b76-801b-f5179aa849d2';
const execute = createClient({ url, token: process.env.HOI_TOKEN || undefined });

const vnd = new Intl.NumberFormat('vi-VN');
console.log('Relief in 2022 by province, on the current map:');
for (const row of await reliefByProvince(execute, chapterId, 2022, 'CURRENT')) {
  console.log(`  ${row.province.padEnd(20)} ${String(row.activities).padStart(5)} activities  ${vnd.format(row.valueVnd).padStart(18)} ₫`);
}
const cluster = await clusterMembers(execute, clusterId);
console.log(cluster ? `${cluster.name} (${cluster.year}):` : 'no such cluster');
for (const member of cluster?.members ?? []) console.log(`  ${member.kind.padEnd(22)} ${member.name}${member.unit ? ` — ${member.unit}` : ''}`);
