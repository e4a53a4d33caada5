/** Call the browser host's API directly (to set up or check what the UI did), with the run's token from its URL. */
import type { CallName } from '../../shared/api/contract';

export async function callHost<T>(url: string, name: CallName, input: object = {}): Promise<T> {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Veldwerk-Token': searchParams.get('token')! },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(result.error?.message);
  return result.value;
}
