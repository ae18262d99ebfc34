import { composeFromCode, writeComposition } from './composition.ts';

const composition = await composeFromCode();
writeComposition(composition);
for (const name of Object.keys(composition.files)) console.log(`wrote schema/${name}`);
for (const path of Object.keys(composition.client)) console.log(`wrote ${path}`);
