/**
 * The main process's side of the backend service in a utilityProcess: forks
 * service-process.cjs and returns the same BackendPort the browser host uses
 * for its worker (ServiceClient), with the host requests (native dialogs, the
 * keychain) answered by main.ts. `stop` waits until the service closed the
 * study after its running calls, then ends the process.
 */
import { utilityProcess } from 'electron';
import { ServiceClient, type HostSide } from '../backend/service/service-client';
import { serviceProcessEnv } from '../backend/service/service-process-env';
import type { FromService, ToService } from '../backend/service/protocol';

export interface UtilityService {
  client: ServiceClient;
  stop: () => Promise<void>;
}

export function startUtilityService(entryPath: string, host: HostSide): UtilityService {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'Veldwerk-backend', stdio: 'inherit', env: serviceProcessEnv() });
  const client = new ServiceClient(
    {
      post: (message: ToService) => child.postMessage(message),
      listen: (handler) => child.on('message', (message: FromService) => handler(message)),
    },
    host,
  );
  child.on('exit', (code) => {
    if (code !== 0) console.error(`Veldwerk: de backenddienst stopte (code ${code}).`);
    client.serviceGone();
  });
  return {
    client,
    stop: async () => {
      await client.close();
      child.kill();
    },
  };
}
