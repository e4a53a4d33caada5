/**
 * The backend service in a worker thread (bundled to dist/workers/service-worker.mjs):
 * the browser host's backend, off the thread that answers HTTP.
 */
import { parentPort } from 'node:worker_threads';
import { serveBackend } from './service-entry';
import type { FromService, ToService } from './protocol';

if (!parentPort) throw new Error('De backenddienst draait alleen als werkthread.');
const port = parentPort;
serveBackend(
  {
    post: (message: FromService) => port.postMessage(message),
    listen: (handler) => port.on('message', (message: ToService) => handler(message)),
  },
  () => port.close(),
);
