import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineModule from '@prisma/schema-engine-wasm/schema_engine_bg';

// Prisma's CLI needs a native schema engine it cannot download here; its WebAssembly build
// runs offline through a driver adapter, and answers the same `diff` questions.

export const schemaPath = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));

let loaded: Promise<void> | undefined;

function loadEngine(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require
      .resolve('@prisma/schema-engine-wasm')
      .replace(/schema_engine\.js$/, 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      './schema_engine_bg.js': engineModule as unknown as WebAssembly.ModuleImports,
    });
    engineModule.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return loaded;
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The SQL that would bring the database behind `adapterFactory` to `schema.prisma`
 * (an empty migration when they agree), or from nothing when `fromEmpty` is set.
 */
export async function diffToSchema(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options: { fromEmpty?: boolean } = {},
): Promise<string> {
  await loadEngine();
  const files = [{ path: 'schema.prisma', content: fs.readFileSync(schemaPath, 'utf8') }];
  const engine = await engineModule.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    const result = await engine.diff({
      from: options.fromEmpty
        ? { tag: 'empty' }
        : { tag: 'schemaDatasource', files, configDir: process.cwd() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === '-- This is an empty migration.' || sql.trim() === '';
}
