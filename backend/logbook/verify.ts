/**
 * `veldwerk log verify`: checks every replica's hash chain in the study
 * (this copy's own and those that came in bundles), from its start or its
 * retention checkpoint to its last line (store/action-chain.ts). Reports, in
 * Dutch, each line that was edited (its content does not give its hash), each
 * line that is missing (a gap in the places; this copy also knows its own
 * last place), each line that does not follow the one before it, and each
 * line outside the chain (inserted by hand). Reads only.
 *
 * What a chain cannot show: someone holding the study key who rewrites the
 * lines and recomputes every hash after them. Lines handed on in bundles are
 * anchored in the copies that read them: a rewritten line is refused there
 * (logbook/bundle-chain.ts).
 */
import { actionHash, GENESIS_HASH, HEAD_KEY } from '../store/action-chain';
import type { ActionRow } from '../store/action-context';
import type { Db } from '../store/open-study';

export type BreakKind = 'gewijzigd' | 'ontbreekt' | 'sluit-niet-aan' | 'buiten-keten';

export interface ChainBreak {
  replicaId: string;
  /** The place in the chain (null for a line outside it). */
  chainIndex: number | null;
  actionId: string | null;
  kind: BreakKind;
  message: string;
}

export interface ReplicaChain {
  replicaId: string;
  own: boolean;
  /** Lines held (sealed). */
  lines: number;
  /** First and last place held; the first after a checkpoint is checkpoint + 1. */
  first: number | null;
  last: number | null;
  /** Lines removed by retention (the checkpoint). */
  removed: number;
  /** Lines a killed call left open, sealed later. */
  sealedLate: number;
}

export interface VerifyReport {
  ok: boolean;
  replicas: ReplicaChain[];
  breaks: ChainBreak[];
}

export function verifyLogbook(db: Db): VerifyReport {
  const own = db.prepare("SELECT value FROM meta WHERE key = 'replica_id'").pluck().get() as string;
  const rows = db.prepare('SELECT * FROM action ORDER BY replica_id, chain_index').all() as ActionRow[];
  const checkpoints = new Map(
    (db.prepare('SELECT replica_id, chain_index, hash, removed FROM action_checkpoint').all() as Array<{ replica_id: string; chain_index: number; hash: string; removed: number }>).map(
      (row) => [row.replica_id, row],
    ),
  );
  const byReplica = new Map<string, ActionRow[]>();
  for (const row of rows) {
    const lines = byReplica.get(row.replica_id);
    if (lines) lines.push(row);
    else byReplica.set(row.replica_id, [row]);
  }
  for (const replicaId of [own, ...checkpoints.keys()]) if (!byReplica.has(replicaId)) byReplica.set(replicaId, []);

  const breaks: ChainBreak[] = [];
  const replicas: ReplicaChain[] = [];
  for (const [replicaId, lines] of byReplica) {
    const checkpoint = checkpoints.get(replicaId);
    const name = replicaName(replicaId, own);
    const report = (chainIndex: number | null, actionId: string | null, kind: BreakKind, message: string) =>
      breaks.push({ replicaId, chainIndex, actionId, kind, message: `${name}: ${message}` });
    let expected = (checkpoint?.chain_index ?? 0) + 1;
    let previous = checkpoint?.hash ?? GENESIS_HASH;
    const sealed = lines.filter((line) => line.chain_index !== null);
    for (const line of sealed) {
      const place = line.chain_index!;
      const what = `regel ${place} (${line.label}, ${line.hlc.slice(0, 10)})`;
      if (place < expected) {
        report(place, line.id, 'buiten-keten', `${what} staat vóór het begin van de keten (na de bewaartermijn toegevoegd).`);
        continue;
      }
      if (place > expected) {
        report(expected, null, 'ontbreekt', `${span(expected, place - 1)} ontbreekt (verwijderd, of uit een bundel die nog niet is ingelezen).`);
      } else if (line.prev_hash !== previous) {
        report(place, line.id, 'sluit-niet-aan', `${what} sluit niet aan op de regel ervoor (een regel is vervangen of ingevoegd).`);
      }
      if (actionHash({ ...line, chain_index: place, prev_hash: line.prev_hash ?? '' }) !== line.hash) {
        report(place, line.id, 'gewijzigd', `${what} is gewijzigd: de inhoud klopt niet met de hash.`);
      }
      previous = line.hash!;
      expected = place + 1;
    }
    for (const line of lines.filter((candidate) => candidate.chain_index === null)) {
      report(null, line.id, 'buiten-keten', `de regel "${line.label}" (${line.hlc.slice(0, 10)}) staat buiten de keten (ingevoegd, of van een handeling die niet werd afgerond).`);
    }
    if (replicaId === own) {
      const head = ownHead(db, own);
      const last = expected - 1;
      if (head !== null && head > last) report(last + 1, null, 'ontbreekt', `${span(last + 1, head)} aan het eind ontbreekt (verwijderd).`);
    }
    replicas.push({
      replicaId,
      own: replicaId === own,
      lines: sealed.length,
      first: sealed[0]?.chain_index ?? null,
      last: sealed.at(-1)?.chain_index ?? null,
      removed: checkpoint?.removed ?? 0,
      sealedLate: sealed.filter((line) => line.sealed_late === 1).length,
    });
  }
  return { ok: breaks.length === 0, replicas, breaks };
}

function replicaName(replicaId: string, own: string): string {
  return replicaId === own ? `Deze kopie (${replicaId.slice(0, 8)})` : `Kopie ${replicaId.slice(0, 8)}`;
}

function span(from: number, to: number): string {
  return from === to ? `regel ${from}` : `regels ${from}–${to}`;
}

/** The last place this copy sealed, as it noted beside the chain (null when it sealed nothing yet). */
function ownHead(db: Db, own: string): number | null {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(HEAD_KEY) as string | undefined;
  if (!value) return null;
  const [replicaId, index] = value.split(':');
  return replicaId === own && Number.isInteger(Number(index)) ? Number(index) : null;
}
