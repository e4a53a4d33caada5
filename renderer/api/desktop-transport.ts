/** The desktop app: every call goes through `window.veldwerk`, set up by the preload script. */
import type { VeldwerkBridge } from '../../shared/api/bridge';
import type { CallName } from '../../shared/api/contract';
import { unwrap } from './result';
import type { Transport } from './transport';

declare global {
  interface Window {
    veldwerk?: VeldwerkBridge;
  }
}

export function desktopBridge(): VeldwerkBridge | undefined {
  return window.veldwerk;
}

export function createDesktopTransport(bridge: VeldwerkBridge): Transport {
  const callBridge = async (name: CallName, input: unknown): Promise<unknown> => {
    const send = bridge[name] as (input: unknown) => Promise<Parameters<typeof unwrap>[0]>;
    return unwrap(await send(input));
  };
  return {
    call: callBridge,
    async stageFile(file, dropped) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A file of a chosen folder (<input webkitdirectory>) says where it sat in it: batch import guesses from that.
      const relativePath = dropped ?? (file.webkitRelativePath || undefined);
      return unwrap(await bridge['files.stage']({ fileName: file.name, bytes, ...(relativePath ? { relativePath } : {}) }));
    },
    onProgress: (listener) => bridge.onProgress(listener),
    onStudyChanged: (listener) => bridge.onStudyChanged(listener),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    handOff: 'save',
    // The app's save dialog, in the main process; the service writes the kept file there.
    async handOffFile(file, open) {
      const saved = unwrap(await bridge['file.save']({ fileId: file.fileId, open }));
      return saved.path ? { how: 'saved', path: saved.path, opened: saved.opened } : { how: 'cancelled' };
    },
  };
}
