// The Team view's store against a stand-in backend: resolving a conflict
// refreshes the conflicts and the status, and the study data follows the
// change the backend pushes; one action at a time; adopting a solution keeps
// the threshold; undoing a merge takes over the reopened session and the
// views start afresh on the pushed reopening; a late agreement answer does
// not overwrite a newer one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MergeConflict, SessionState } from '../../shared/api/types';

vi.mock('../../renderer/api/client', async () => (await import('../helpers/fake-api')).fakeClient());

const { backend, called, resetBackend, pushStudyChanged } = await import('../helpers/fake-api');
const { useTeam } = await import('../../renderer/merge/team-store');
const { useSources } = await import('../../renderer/sources/sources-store');
const { useFramework } = await import('../../renderer/framework/framework-store');
// Registers the reopening's fresh start, as the app does.
await import('../../renderer/app/use-study-data');
const { useSession } = await import('../../renderer/study/session-store');
const { useToasts } = await import('../../renderer/ui/toast-store');
const { ApiError } = await import('../../renderer/api/api-error');

const STATUS = { backupPath: null, backupAt: null, lastExportAt: null, changesSinceExport: 0, openConflicts: 1, peers: [] };
const SESSION: SessionState = {
  host: 'browser',
  studyPath: '/tmp/ronde.veldwerk',
  study: { id: 'st', name: 'Ronde', periodStart: null, periodEnd: null, reportDate: null, replicaId: 'r1' },
  institutions: [{ id: 'i1', name: 'GI Noord' }],
  inspectors: [],
  currentInspectorId: null,
  canChooseFiles: false,
};

function conflict(status: 'open' | 'resolved'): MergeConflict {
  return {
    id: 'k1',
    entity: 'institution',
    entityId: 'i1',
    field: 'name',
    kind: 'field',
    label: 'Instelling GI Noord: naam',
    mergeKind: 'other',
    local: { value: 'GI Noord', authorId: null, authorName: null, hlc: '000001780000000-000000-r1' },
    remote: { value: 'GI N.', authorId: null, authorName: null, hlc: '000001780000001-000000-r2' },
    current: 'GI N.',
    status,
    resolution: status === 'resolved' ? 'local' : null,
    detectedAt: '2026-05-01T10:00:00.000Z',
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  resetBackend();
  backend.handlers['merge.status'] = async () => STATUS;
  backend.handlers['session.state'] = async () => SESSION;
  backend.handlers['undo.state'] = async () => ({ undoLabel: null, redoLabel: null });
  useTeam.getState().reset();
  useToasts.setState({ toasts: [] });
});

describe('the team store', () => {
  it('resolves a conflict, then reloads conflicts and status; the pushed change reloads the study', async () => {
    let resolved = false;
    backend.handlers['merge.resolve'] = async () => {
      resolved = true;
      return [];
    };
    backend.handlers['merge.conflicts'] = async () => [conflict(resolved ? 'resolved' : 'open')];

    await useTeam.getState().resolve('k1', 'local');
    pushStudyChanged(['institution', 'conflict']);
    await settle();

    expect(called('merge.resolve')[0]!.input).toEqual({ conflictId: 'k1', choose: 'local' });
    expect(called('merge.conflicts').at(-1)!.input).toEqual({ status: 'all' });
    expect(useTeam.getState().conflicts!.map((item) => item.status)).toEqual(['resolved']);
    expect(useTeam.getState().status).toEqual(STATUS);
    expect(called('session.state').length).toBe(1); // a renamed institution shows everywhere
    expect(useToasts.getState().toasts.at(-1)!.text).toBe('Het conflict is opgelost.');
    expect(useTeam.getState().busy).toBeNull();
  });

  it('does one action at a time: a second click while the first runs is ignored', async () => {
    let finish: (value: unknown) => void = () => {};
    backend.handlers['merge.resolve'] = () => new Promise((resolve) => (finish = resolve));
    const first = useTeam.getState().resolve('k1', 'local');
    expect(useTeam.getState().busy).toBe('k1');
    await useTeam.getState().resolve('k1', 'remote');
    expect(called('merge.resolve').length).toBe(1);
    finish([]);
    await first;
    expect(useTeam.getState().busy).toBeNull();
  });

  it('shows a refusal as a message and frees the buttons', async () => {
    backend.handlers['merge.resolve'] = async () => {
      throw new ApiError({ code: 'conflict', message: 'Dit conflict is al opgelost.' });
    };
    await useTeam.getState().resolve('k1', 'local');
    expect(useToasts.getState().toasts.at(-1)).toMatchObject({ kind: 'error', text: 'Dit conflict is al opgelost.' });
    expect(useTeam.getState().busy).toBeNull();
  });

  it('adopts a solution at the threshold of the report shown', async () => {
    backend.handlers.agreement = async (input) => ({ threshold: input.threshold, coders: [], sources: [], pairs: [], disagreements: [] });
    backend.handlers['agreement.adopt'] = async (input) => ({ threshold: input.threshold, coders: [], sources: [], pairs: [], disagreements: [] });
    await useTeam.getState().loadAgreement(0.75);
    await useTeam.getState().adopt('d1', 'coder-a');
    expect(called('agreement.adopt')[0]!.input).toEqual({ disagreementId: 'd1', coderId: 'coder-a', threshold: 0.75 });
    expect(useTeam.getState().agreement!.threshold).toBe(0.75);
  });

  it('keeps the newest agreement answer when an older one arrives late', async () => {
    const answers: Array<(value: unknown) => void> = [];
    backend.handlers.agreement = () => new Promise((resolve) => answers.push(resolve));
    const older = useTeam.getState().loadAgreement(0.5);
    const newer = useTeam.getState().loadAgreement(0.9);
    answers[1]!({ threshold: 0.9, coders: [], sources: [], pairs: [], disagreements: [] });
    await newer;
    answers[0]!({ threshold: 0.5, coders: [], sources: [], pairs: [], disagreements: [] });
    await older;
    expect(useTeam.getState().agreement!.threshold).toBe(0.9);
    expect(useTeam.getState().agreementLoading).toBe(false);
  });

  it('undoes a merge: takes over the reopened session, refreshes, and reports where the later state went', async () => {
    backend.handlers['merge.undo'] = async () => ({ restoredFrom: '/tmp/ronde.voor.veldwerk', keptAs: '/tmp/ronde-na.veldwerk', state: { ...SESSION, institutions: [] } });
    // After the undo the backend holds the restored study: its state is what the pushed change reloads.
    backend.handlers['session.state'] = async () => ({ ...SESSION, institutions: [] });
    useTeam.setState({ tab: 'exchange', dialog: 'undo', thresholdText: '80' });
    useSession.setState({ session: SESSION });
    useSources.setState({ loaded: true });
    useFramework.setState({ loaded: true });
    const listed = called('sources.list').length;

    expect(await useTeam.getState().undoMerge()).toBe(true);
    pushStudyChanged(['session'], { reopened: true });
    await settle();

    expect(useSession.getState().session!.institutions).toEqual([]);
    expect(useTeam.getState().dialog).toBeNull();
    expect(useTeam.getState().thresholdText).toBe('80');
    expect(called('merge.status').length).toBeGreaterThan(0);
    expect(called('sources.list').length).toBeGreaterThan(listed);
    expect(called('framework.list').length).toBeGreaterThan(0);
    expect(useToasts.getState().toasts.at(-1)!.text).toContain('/tmp/ronde-na.veldwerk');
  });
});
