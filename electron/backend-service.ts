/**
 * The main process's side of the backend service in a utilityProcess: forks
 * service-process.cjs and returns the same BackendPort the browser host uses
 * for its worker, with the native dialogs answered here. Ready for main.ts to
 * relay IPC calls through `client.call` instead of dispatching in-process;
 * not wired in yet (the Electron runtime cannot run in this environment).
 */
import { utilityProcess } from 'electron';
import { ServiceClient, type HostSide } from '../backend/service/service-client';
import type { FromService, ToService } from '../backend/service/protocol';

export function startUtilityService(entryPath: string, host: HostSide, openPath?: string): { client: ServiceClient; stop: () => Promise<void> } {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'Veldwerk-backend', stdio: 'inherit' });
  const client = new ServiceClient(
    {
      post: (message: ToService) => child.postMessage(message),
      listen: (handler) => child.on('message', (message: FromService) => handler(message)),
    },
    host,
    openPath,
  );
  child.on('exit', () => client.serviceGone());
  return {
    client,
    stop: async () => {
      await client.close();
      child.kill();
    },
  };
}
