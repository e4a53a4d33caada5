/**
 * Run a callback when codings change elsewhere (coding, auto-code) and after
 * every undo or redo, whatever it touched. Not on mount: views load their
 * data themselves when they open.
 */
import { useEffect, useRef } from 'react';
import { useCodingVersion } from '../coding/coding-events';

export function useCodingsChanged(callback: () => void): void {
  const version = useCodingVersion();
  const latest = useRef(callback);
  const seen = useRef(version);
  latest.current = callback;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    latest.current();
  }, [version]);
}
