/** A determinate progress bar with its message; indeterminate while the total is unknown. */
interface ProgressBarProps {
  done: number;
  total: number;
  message: string;
  label: string;
  testId?: string;
}

export function ProgressBar({ done, total, message, label, testId }: ProgressBarProps) {
  const known = total > 0;
  const percent = known ? Math.round((Math.min(done, total) / total) * 100) : 0;
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={`progress-track ${known ? '' : 'progress-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? Math.min(done, total) : undefined}
        aria-valuetext={message || undefined}
      >
        <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
      <div className="progress-text">
        <span className="truncate">{message}</span>
        {known && (
          <span className="progress-count">
            {Math.min(done, total)}/{total}
          </span>
        )}
      </div>
    </div>
  );
}
