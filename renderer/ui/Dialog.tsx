/**
 * A modal dialog on the native <dialog> element: the browser keeps focus inside,
 * Escape closes it, and the page behind is inert while it is open.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { nl } from '../text/nl';
import { Button } from './Button';

interface DialogProps {
  title: string;
  onClose?: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Dialog({ title, onClose, children, className, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        {onClose && (
          <Button className="icon-button" label={nl.common.close} onClick={onClose}>
            ×
          </Button>
        )}
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
