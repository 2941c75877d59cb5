import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The browser tests drive the dashboard as `pnpm start` serves it: built, from the API's port. */
export default function setup() {
  const build = spawnSync('pnpm', ['--filter', 'client', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the dashboard failed');
}
