// Prisma's schema engine, WebAssembly build, used offline to turn schema.prisma into migration SQL.
//
// The Prisma CLI downloads a native engine at start-up, which cannot happen without internet; the
// wasm build of the same engine ships on npm. Its entry imports a .wasm file the bundler way, which
// plain Node rejects, so it is instantiated by hand here. This is Prisma-internal API: the package
// version is pinned in package.json and this module is the only place that touches it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

type SchemaSource = { tag: 'empty' } | { tag: 'schemaDatamodel'; files: Array<{ path: string; content: string }> };

interface WasmSchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string }>;
  free?(): void;
}

let loaded: Promise<{ SchemaEngine: { new: (...a: unknown[]) => Promise<WasmSchemaEngine> } }> | undefined;

async function loadWasm() {
  loaded ??= (async () => {
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Record<string, unknown> & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': bg as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg as never;
  })();
  return loaded;
}

/**
 * SQL that takes a database from `from` to `to`. The engine opens a connection to `databaseUrl`
 * even for pure schema diffs (it reads nothing), so it must be reachable.
 */
export async function diffSchemasToSql(opts: { from: SchemaSource; to: SchemaSource; databaseUrl: string }): Promise<string> {
  const { SchemaEngine } = await loadWasm();
  const datamodel = opts.to.tag === 'schemaDatamodel' ? opts.to.files : opts.from.tag === 'schemaDatamodel' ? opts.from.files : [];
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: opts.databaseUrl }));
  const logs: string[] = [];
  const engine = await SchemaEngine.new(
    { datamodels: datamodel.map((f) => [f.path, f.content]) },
    (line: string) => logs.push(line),
    adapter,
  );
  try {
    const result = await engine.diff({
      from: opts.from,
      to: opts.to,
      script: true,
      shadowDatabaseUrl: null,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    if (result.exitCode !== 0) throw new Error(`schema engine diff failed (exit ${result.exitCode}): ${logs.join('\n')}`);
    return result.stdout ?? '';
  } finally {
    engine.free?.();
  }
}

export function schemaSource(filePath: string, content: string): SchemaSource {
  return { tag: 'schemaDatamodel', files: [{ path: filePath, content }] };
}
