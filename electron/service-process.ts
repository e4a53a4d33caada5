/**
 * The backend service as the app runs it (bundled to
 * dist/electron/service-process.cjs): the same entry as the browser host's
 * worker (backend/service/service-entry.ts), on the parent port Electron
 * gives a utilityProcess. Started by main.ts through backend-service.ts.
 *
 * Without Electron (a Node child process forked with an IPC channel and
 * `serialization: 'advanced'`, the same structured clone) the same bundle
 * serves on that channel: that is how tests drive this entry and the relay.
 */
import { serveBackend } from '../backend/service/service-entry';
import type { Endpoint, FromService, ToService } from '../backend/service/protocol';

/** The channel to the parent, and how to end once the study is closed. */
function parentChannel(): { endpoint: Endpoint<ToService, FromService>; end: () => void } {
  const port = (process as { parentPort?: Electron.ParentPort }).parentPort;
  if (port) {
    return {
      endpoint: {
        post: (message) => port.postMessage(message),
        listen: (handler) => port.on('message', (event: Electron.MessageEvent) => handler(event.data as ToService)),
      },
      // The main process ends this process once the close is answered (backend-service.ts).
      end: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('De backenddienst draait alleen als utilityProcess van Veldwerk.');
  // Exit only once every answer is written to the channel: a call's result is never lost to the exit.
  let unsent = 0;
  let ending = false;
  const exitWhenSent = () => ending && unsent === 0 && process.exit(0);
  return {
    endpoint: {
      post: (message) => {
        unsent += 1;
        send(message, undefined, {}, () => {
          unsent -= 1;
          exitWhenSent();
        });
      },
      listen: (handler) => process.on('message', (message) => handler(message as ToService)),
    },
    end: () => {
      ending = true;
      exitWhenSent();
    },
  };
}

const { endpoint, end } = parentChannel();
serveBackend(endpoint, end);
