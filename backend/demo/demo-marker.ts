/**
 * The mark of the fictional demo study (meta `fictional_demo`), carried by
 * its copies too: such a study holds only invented material, stays
 * unencrypted so that a new user opens it without being asked anything, and
 * is never offered encryption (keys/key-prompt.ts).
 */
import type { Db } from '../store/open-study';
import { readMeta } from '../study/study';

export const FICTIONAL_DEMO_META = 'fictional_demo';

export function isFictionalDemo(db: Db): boolean {
  return readMeta(db, FICTIONAL_DEMO_META) === '1';
}
