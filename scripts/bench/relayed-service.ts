/**
 * The backend as the app runs it, seen from the bench: the service process
 * behind a relay process standing in for Electron's main process
 * (relay-process.ts). Calls go through both; the pauses measured are the
 * relay's, the memory the service's (its pid is passed back).
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../backend/app-paths';
import type { DispatchResult } from '../../backend/api/handlers';
import type { FromRelay, RelayPauses, RelayRequest, ToRelay } from './relay-process';

export interface RelayedService {
  servicePid: number;
  call(name: string, input: unknown): Promise<DispatchResult>;
  switchTo(path: string): Promise<DispatchResult>;
  /** Start measuring the relay's thread; `stop` gives its longest pause and garbage collection since. */
  pauses: { start(): Promise<void>; stop(): Promise<RelayPauses> };
  /** Close the study once calls finished; both processes then exit. */
  stop(): Promise<void>;
}

export async function startRelayedService(): Promise<RelayedService> {
  const child = fork(join(projectRoot(), 'dist', 'bench', 'relay-process.mjs'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const servicePid = await new Promise<number>((resolve, reject) => {
    child.on('message', (message: FromRelay) => {
      if (message.t === 'ready') return resolve(message.servicePid);
      waiting.get(message.id)?.(message.value);
      waiting.delete(message.id);
    });
    child.on('exit', (code) => reject(new Error(`relayproces gestopt (code ${code})`)));
  });
  const ask = <T>(request: RelayRequest) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ ...request, id } as ToRelay);
    });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    servicePid,
    call: (name, input) => ask({ t: 'call', name, input }),
    switchTo: (path) => ask({ t: 'switch', path }),
    pauses: { start: () => ask({ t: 'pauses', measure: 'start' }), stop: () => ask({ t: 'pauses', measure: 'stop' }) },
    stop: async () => {
      await ask({ t: 'stop' });
      await exited;
    },
  };
}
