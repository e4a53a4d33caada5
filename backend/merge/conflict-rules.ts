/**
 * When two edits are in conflict, as the merge decides it.
 *
 * Every change record carries, per field, the clocks of the values it
 * superseded as its author saw them (`bases`). Following those links back
 * through the change log gives a field's history as a graph. For an incoming
 * change R on field f, let H be the change holding f here before R:
 *
 * - R saw H (H's clock is reachable from R through bases[f], transitively):
 *   sequential, R simply continues; no conflict.
 * - H saw R (R arrived late, after someone who had it built on it): no conflict.
 * - Neither saw the other: concurrent. If the values differ, that is a
 *   conflict, recorded for review with both values, authors and clocks. The
 *   study meanwhile holds the last writer's value (LWW by clock, as always).
 * - Equal values are never a conflict (two copies setting the same rating).
 * Only the value held is compared: a concurrent value that already lost
 * against it (or equalled it) is not compared again. Comparing with every
 * such value would flag follow-up edits as conflicts, because an edit records
 * only the value its author saw held, not the equal or losing values beside
 * it. So two copies that read the same bundles in different orders can list
 * different conflicts (the values they hold are identical all the same).
 *
 * Open conflicts follow later changes: a change that saw one side continues
 * that side (the side's value becomes the newer one; if both sides are then
 * equal the conflict is settled as 'converged'); a change that saw both sides
 * resolves it ('elsewhere': someone resolved it and the resolution travelled).
 * Resolving writes the chosen value with `supersedes` naming every side's
 * clock, so the resolution saw both sides wherever it arrives. Bundles may
 * arrive out of order, so part of a field's history can be missing when a
 * change arrives; a conflict recorded then is settled ('sequential') as soon
 * as the missing change shows that one side had seen the other.
 *
 * Deletes are tombstones (field `deleted`). A delete and a restore of the same
 * entity are an ordinary field conflict on `deleted`. A delete and an edit of
 * other fields touch different fields, and bases cannot tell whether the
 * deleter had seen the edit; but a clock can rule it out: the deleter saw the
 * edit only if the delete's clock is later. So "delete vs edit" is a conflict
 * on `deleted` (local 1 vs 0 or the reverse) when an edit by another copy has
 * a later clock than the delete that holds the tombstone (nobody edits what
 * they see deleted, so the editor had not seen the delete either): without
 * review, that edit would silently vanish under the tombstone. A delete later
 * than the edit wins without a conflict (the edit stays on the tombstone and
 * comes back if the delete is undone). Choosing the side with value 0 (the
 * edit) restores the entity with the edit; choosing the side with value 1
 * (the delete) deletes it again, later than the edit.
 *
 * Never conflicts: codings of different coders (different entities; what they
 * disagree on is intercoder agreement); entities created on both sides with
 * the same derived id and equal values; fields that only order or stamp
 * (`sortOrder`, `createdAt`, `updatedAt`, `importedAt`), which last writer wins.
 */
export const NON_CONFLICTING_FIELDS: ReadonlySet<string> = new Set(['sortOrder', 'createdAt', 'updatedAt', 'importedAt']);

/** Cap on the history walked for one ancestry question. */
export const MAX_ANCESTRY_STEPS = 100_000;
