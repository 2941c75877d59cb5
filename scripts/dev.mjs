// `pnpm dev`: the API with reload on :4000 and Vite's dev server (proxying to it) on :5173.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const generate = spawnSync('pnpm', ['generate:prisma'], { cwd: root, stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const children = [
  spawn('pnpm', ['--filter', 'api', 'dev'], { cwd: root, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', 'client', 'dev'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
