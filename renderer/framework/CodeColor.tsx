/** The colour swatch of a code; it is a colour picker, saved shortly after the last change. */
import { useEffect, useRef, useState } from 'react';
import type { Code } from '../../shared/api/types';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { useFramework } from './framework-store';

const SAVE_DELAY_MS = 400;

export function CodeColor({ code }: { code: Code }) {
  const update = useFramework((store) => store.update);
  const [color, setColor] = useState(code.color);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => setColor(code.color), [code.color]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: string) => {
    setColor(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => update({ id: code.id, color: next }).catch(reportError), SAVE_DELAY_MS);
  };

  return (
    <input
      type="color"
      className="code-swatch"
      aria-label={nl.framework.color(code.name)}
      title={nl.framework.color(code.name)}
      value={color}
      onChange={(event) => change(event.target.value)}
    />
  );
}
