// `pnpm start` builds only when an output is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const sources = Math.max(
  newest(path.join(root, 'api/src')),
  newest(path.join(root, 'client/src')),
  mtime(path.join(root, 'prisma/schema.prisma')),
  mtime(path.join(root, 'client/index.html')),
);
const outputs = Math.min(
  mtime(path.join(root, 'api/dist/main.js')),
  mtime(path.join(root, 'client/dist/index.html')),
);

if (outputs === 0 || outputs < sources) {
  console.log('Building Radar (first start or sources changed)...');
  const result = spawnSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
