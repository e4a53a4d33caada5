/**
 * A date field as Dutch users write dates (dd-mm-jjjj), whatever language the
 * browser or system is set to, with a Dutch calendar to pick from (weeks from
 * Monday, Dutch month and day names; arrows, Page Up/Down, Enter and Escape
 * work in it). The value in and out is ISO (jjjj-mm-dd) or '' for none.
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { nl } from '../text/nl';
import { addDays, DUTCH_MONTHS, DUTCH_WEEKDAYS, formatDutchDate, monthGrid, parseDutchDate, toIso } from './dutch-date';

/** About the calendar's height, to choose between below and above the field. */
const CALENDAR_HEIGHT = 260;

interface DateFieldProps {
  value: string;
  onChange: (iso: string) => void;
  'data-testid'?: string;
  'aria-label'?: string;
  /** Set by Field (its label and hint). */
  id?: string;
  'aria-describedby'?: string | undefined;
}

export function DateField({ value, onChange, id, 'aria-describedby': describedBy, ...rest }: DateFieldProps) {
  const [text, setText] = useState(formatDutchDate(value));
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const fieldRef = useRef<HTMLSpanElement>(null);
  const errorId = useId();

  // Fixed to the window, below the field or above it where the room is: a dialog's or panel's edge would cut it off.
  const toggle = () => {
    const box = fieldRef.current?.getBoundingClientRect();
    if (box) {
      const below = window.innerHeight - box.bottom > CALENDAR_HEIGHT;
      setPlace(below ? { left: box.left, top: box.bottom + 4 } : { left: box.left, bottom: window.innerHeight - box.top + 4 });
    }
    setOpen(!open);
  };
  const invalid = text.trim() !== '' && parseDutchDate(text) === null;

  // A value set from outside (a reset, another field) shows here unless it is what was typed.
  useEffect(() => {
    if (parseDutchDate(text) !== value && !(value === '' && text.trim() === '')) setText(formatDutchDate(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the value changes
  }, [value]);

  const type = (next: string) => {
    setText(next);
    // Half-typed or wrong: no date rather than the one before (the message says what is wrong).
    onChange(parseDutchDate(next) ?? '');
  };

  return (
    <span className="date-field" ref={fieldRef}>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="dd-mm-jjjj"
        autoComplete="off"
        value={text}
        {...rest}
        aria-invalid={invalid}
        aria-describedby={[describedBy, invalid ? errorId : null].filter(Boolean).join(' ') || undefined}
        onChange={(event) => type(event.target.value)}
        onBlur={() => parseDutchDate(text) && setText(formatDutchDate(parseDutchDate(text)))}
      />
      <button type="button" className="small date-picker-button" aria-label={nl.codingDay.datePicker} title={nl.codingDay.datePicker} aria-expanded={open} onClick={toggle}>
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <rect x="1" y="2.5" width="12" height="10.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path d="M1 6h12M4 1v3M10 1v3" stroke="currentColor" strokeWidth="1.3" />
        </svg>
      </button>
      {invalid && (
        <span id={errorId} className="date-error" role="alert">
          {nl.codingDay.dateInvalid}
        </span>
      )}
      {open && (
        <Calendar
          place={place}
          value={parseDutchDate(text) ?? value}
          onPick={(iso) => {
            setText(formatDutchDate(iso));
            onChange(iso);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </span>
  );
}

function today(): string {
  const now = new Date();
  return toIso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function Calendar({ place, value, onPick, onClose }: { place: CSSProperties; value: string; onPick: (iso: string) => void; onClose: () => void }) {
  const [focus, setFocus] = useState(value || today());
  const gridRef = useRef<HTMLTableElement>(null);
  const [year, month] = focus.split('-').map(Number) as [number, number];

  useEffect(() => {
    gridRef.current?.querySelector<HTMLElement>('[data-focused="true"]')?.focus();
  }, [focus]);

  const shiftMonth = (step: number) => {
    const target = new Date(Date.UTC(year, month - 1 + step, 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    const day = Math.min(Number(focus.slice(8)), last);
    setFocus(toIso(target.getUTCFullYear(), target.getUTCMonth() + 1, day));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => setFocus(addDays(focus, -1)),
      ArrowRight: () => setFocus(addDays(focus, 1)),
      ArrowUp: () => setFocus(addDays(focus, -7)),
      ArrowDown: () => setFocus(addDays(focus, 7)),
      PageUp: () => shiftMonth(-1),
      PageDown: () => shiftMonth(1),
      Enter: () => onPick(focus),
      Escape: onClose,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  };

  return (
    <div className="date-calendar" role="dialog" aria-label={nl.codingDay.datePicker} data-testid="date-calendar" style={place} onKeyDown={onKeyDown}>
      <div className="date-calendar-head">
        <button type="button" className="small" aria-label={nl.codingDay.previousMonth} onClick={() => shiftMonth(-1)}>
          ‹
        </button>
        <strong aria-live="polite">
          {DUTCH_MONTHS[month - 1]} {year}
        </strong>
        <button type="button" className="small" aria-label={nl.codingDay.nextMonth} onClick={() => shiftMonth(1)}>
          ›
        </button>
      </div>
      <table ref={gridRef} role="grid">
        <thead>
          <tr>
            {DUTCH_WEEKDAYS.map((day) => (
              <th key={day} scope="col">
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((week, index) => (
            <tr key={index}>
              {week.map((day, column) => {
                if (day === null) return <td key={column} />;
                const iso = toIso(year, month, day);
                return (
                  <td key={column}>
                    <button
                      type="button"
                      className={`date-day${iso === value ? ' chosen' : ''}`}
                      data-focused={iso === focus}
                      data-date={iso}
                      tabIndex={iso === focus ? 0 : -1}
                      aria-label={`${day} ${DUTCH_MONTHS[month - 1]} ${year}`}
                      aria-pressed={iso === value}
                      onClick={() => onPick(iso)}
                    >
                      {day}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
