/**
 * The action a writing call records, carried to the one write path without
 * threading a parameter through every capability: `dispatch` runs the handler
 * inside `runInAction`, and `ChangeWriter` (changes.ts) reads `currentAction()`
 * in each transaction it opens. AsyncLocalStorage follows the handler through
 * its awaits, so a read call running alongside never sees a write's action.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ActionObject {
  entity: string;
  id: string;
}

export interface ActionContext {
  readonly actionId: string;
  /** The contract call that runs (e.g. `coding.create`). */
  readonly call: string;
  /** The entities this call may change (declared in the contract); writing anything else is a bug. */
  readonly allowed: ReadonlySet<string>;
  /** The objects the call's local changes touched, in first-touched order. */
  readonly objects: Map<string, ActionObject>;
  /** The entities changed so far, by local or merged change records. */
  readonly entities: Set<string>;
  /** The Dutch label, computed when the action is written (details may come in while the call runs). */
  label(): string;
  /** Named values for the label, set by the capability that knows them (e.g. the sender of a bundle). */
  readonly details: Record<string, string>;
}

const storage = new AsyncLocalStorage<ActionContext>();

export function runInAction<T>(context: ActionContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The action of the writing call running here, if any. */
export function currentAction(): ActionContext | undefined {
  return storage.getStore();
}

/** Give the running action a detail for its label (no-op outside a writing call). */
export function describeAction(details: Record<string, string>): void {
  const context = storage.getStore();
  if (context) Object.assign(context.details, details);
}

/** Note an object the running action changed. */
export function noteTouched(entity: string, id: string | null): void {
  const context = storage.getStore();
  if (!context) return;
  context.entities.add(entity);
  if (id !== null && !context.objects.has(`${entity}/${id}`)) context.objects.set(`${entity}/${id}`, { entity, id });
}

/** A row of the action table (migration 7), as the logbook and bundles read it. */
export interface ActionRow {
  seq: number;
  id: string;
  call: string;
  label: string;
  inspector_id: string | null;
  hlc: string;
  replica_id: string;
  objects: string;
  result: 'done' | 'refused';
  reason: string | null;
  /** The hash chain (migration 17, store/action-chain.ts); null while the call still runs. */
  chain_index: number | null;
  prev_hash: string | null;
  hash: string | null;
  sealed_late: number;
}
