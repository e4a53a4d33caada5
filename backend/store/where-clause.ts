/**
 * The WHERE clause of a filtered list: the conditions that always hold, and
 * `column = ?` for each filter that has a value, with the values as parameters
 * in the same order. An unset filter (undefined or '') does not narrow the
 * list. Conditions and columns are the caller's constants, never user input.
 */
export function whereClause(always: string[], filters: Record<string, string | undefined>): { where: string; params: string[] } {
  const conditions = [...always];
  const params: string[] = [];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined || value === '') continue;
    conditions.push(`${column} = ?`);
    params.push(value);
  }
  return { where: conditions.join(' AND '), params };
}
