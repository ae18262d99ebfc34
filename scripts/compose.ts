import { composeFromCode, writeComposition } from './composition.ts';

const composition = await composeFromCode();
writeComposition(composition);
for (const name of Object.keys(composition.files)) console.log(`wrote schema/${name}`);
