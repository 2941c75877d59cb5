import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test support: the repository's Umbler test data (fixtures/umbler: example bodies, and
// scenarios with the metrics expected of them).

export interface Delivery {
  deliverAtMs: number;
  attempt: number;
  body: unknown;
}

export interface ExpectedScenario {
  end: string;
  periods: {
    from: string;
    to: string;
    agents: Record<string, Record<string, unknown> & { name: string }>;
    totals: Record<string, unknown>;
  }[];
  live: Record<string, { status: string; assignee: string | null; waitingSince: string | null }>;
  agentNames: Record<string, string>;
}

export const SCENARIOS = ['tiny', 'two-days', 'week'] as const;

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `UMBLER_DATA_DIR`, else the repository's `fixtures/umbler`. */
export function umblerDataDir(): string {
  const candidates = [process.env.UMBLER_DATA_DIR, join(repositoryRoot, 'fixtures/umbler')].filter(
    (dir): dir is string => Boolean(dir),
  );
  const found = candidates.find((dir) => existsSync(join(dir, 'scenarios')));
  if (!found)
    throw new Error(`Umbler test data not found; set UMBLER_DATA_DIR (tried ${candidates.join(', ')})`);
  return found;
}

export function exampleEvents(): Map<string, string> {
  const dir = join(umblerDataDir(), 'events');
  return new Map(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
}

export function loadScenario(name: string): { deliveries: Delivery[]; expected: ExpectedScenario } {
  const dir = join(umblerDataDir(), 'scenarios', name);
  const deliveries = readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Delivery);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as ExpectedScenario;
  return { deliveries, expected };
}
