import { readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { expect, it } from 'vitest';
import { schema } from './schema/index.js';

const guide = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

it("every operation of the integrator's guide is valid against the schema", () => {
  const blocks = [...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const inline = [...guide.matchAll(/"query":\s*"((?:[^"\\]|\\.)*)"/g)].map(
    (m) => JSON.parse(`"${m[1]}"`) as string,
  );
  const operations = [
    ...blocks,
    ...inline,
    ...[...guide.matchAll(/query: '([^']+)'/g)].map((m) => m[1] as string),
  ];
  expect(operations.length).toBeGreaterThanOrEqual(6);
  for (const operation of operations) {
    expect(
      validate(schema, parse(operation)).map((e) => e.message),
      operation,
    ).toEqual([]);
  }
});
