/**
 * The backend service as the app runs it, for the benchmarks: the bundle
 * Electron starts as a utilityProcess (dist/electron/service-process.cjs), in
 * a Node child process with the same messages (structured clone), as
 * tests/integration/electron-relay.test.ts runs it. Its memory is then the
 * memory the user's machine gives the backend, apart from the bench's own.
 *
 * `BENCH_SERVICE_NODE_OPTIONS` passes flags to that process (for profiling:
 * `--heapsnapshot-near-heap-limit=1`, `--max-old-space-size=…`).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../backend/app-paths';
import { ServiceClient, type HostSide } from '../../backend/service/service-client';
import { serviceProcessEnv } from '../../backend/service/service-process-env';
import type { FromService } from '../../backend/service/protocol';

export interface ServiceProcess {
  client: ServiceClient;
  pid: number;
  /** Close the study once calls finished; the process then exits. */
  stop: () => Promise<void>;
}

export async function startServiceProcess(host: HostSide): Promise<ServiceProcess> {
  const bundle = join(projectRoot(), 'dist', 'electron', 'service-process.cjs');
  const execArgv = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const child = fork(bundle, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv, env: serviceProcessEnv() });
  const client = new ServiceClient(
    { post: (message) => child.send(message), listen: (handler) => child.on('message', (message) => handler(message as FromService)) },
    host,
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('exit', () => client.serviceGone());
  const openError = await client.ready;
  if (openError) {
    child.kill();
    throw new Error(openError);
  }
  return {
    client,
    pid: child.pid!,
    stop: async () => {
      await client.close();
      await exited;
    },
  };
}
