/** The notification area, bottom right; screen readers hear new messages politely. */
import { nl } from '../text/nl';
import { useToasts } from './toast-store';

export function Toasts() {
  const toasts = useToasts((store) => store.toasts);
  const dismiss = useToasts((store) => store.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite" aria-label={nl.toasts.label} data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
          <span className="toast-text">{toast.text}</span>
          <button type="button" className="icon-button small" aria-label={nl.toasts.dismiss} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
