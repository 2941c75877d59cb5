import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RadarProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  exited(): Promise<number | null>;
}

/** Radar processes this process started: none outlives it, even when it crashes. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Runs `src/main.ts` as a real process, as `pnpm start` would, and waits until it is ready. */
export async function spawnRadar(
  env: Record<string, string>,
  options: {
    waitReady?: boolean;
    /** Node's own flags for the process, e.g. `--cpu-prof`. */
    nodeArgs?: string[];
  } = {},
): Promise<RadarProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  if (options.waitReady !== false) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Radar exited (${child.exitCode}):\n${output}`);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`Radar did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { child, url, output: () => output, exited: () => exit };
}
