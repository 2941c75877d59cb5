// Writes schema.graphql at the repository root from the Pothos schema (sorted).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../src/schema/index.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
fs.writeFileSync(target, printedSchema());
console.log('wrote schema.graphql');
