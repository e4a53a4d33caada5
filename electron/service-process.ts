/**
 * The backend service in Electron's utilityProcess (bundled to
 * dist/electron/service-process.cjs): the same entry as the browser host's
 * worker (backend/service/service-entry.ts), on the parent port Electron gives
 * a utility process. Not started by main.ts yet: the app still runs the
 * backend in the main process (see backend-service.ts for the main side).
 * Type-checked against Electron's types; no test can run Electron here.
 */
import { serveBackend } from '../backend/service/service-entry';
import type { FromService, ToService } from '../backend/service/protocol';

const port = process.parentPort;
if (!port) throw new Error('De backenddienst draait alleen als utilityProcess van Veldwerk.');
serveBackend(
  {
    post: (message: FromService) => port.postMessage(message),
    listen: (handler) => port.on('message', (event: Electron.MessageEvent) => handler(event.data as ToService)),
  },
  () => process.exit(0),
);
