/**
 * The bench's stand-in for the app's main process (scripts/bench/relay-process.ts):
 * calls reach the service through it, and the pauses reported are the relay's
 * own. While the bench’s own thread is held for 500 ms, the relay still turns
 * (its longest pause stays far below), and a read sent meanwhile is answered.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../backend/app-paths';
import { startRelayedService } from '../../../scripts/bench/relayed-service';

const built = existsSync(join(projectRoot(), 'dist', 'bench', 'relay-process.mjs'));

describe('the relay process of the national bench', () => {
  // npm test builds dist/ before the tests; a lone `vitest` run without a build has no relay to start.
  it.runIf(built)('relays calls and measures its own thread, not the bench’s', async () => {
    const service = await startRelayedService();
    try {
      expect(service.servicePid).toBeGreaterThan(0);
      await service.pauses.start();
      const held = Date.now();
      while (Date.now() - held < 500); // the bench's thread is busy; the relay's is not
      const state = await service.call('session.state', {});
      const pauses = await service.pauses.stop();
      expect(state.ok).toBe(true);
      expect(pauses.longestPauseMs).toBeGreaterThan(0);
      expect(pauses.longestPauseMs).toBeLessThan(300);
    } finally {
      await service.stop();
    }
  }, 30_000);
});
