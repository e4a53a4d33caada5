/**
 * The keyboard shortcuts of the coding view on one sheet (`?`), and the live
 * region that reads out where a keyboard move arrived (code, coder, valence,
 * note), so keyboard focus says what the mouse pointer's tooltip says.
 */
import { nl } from '../text/nl';
import { Dialog } from '../ui/Dialog';
import { useCodingUi } from './coding-ui-store';

export function ShortcutSheet() {
  const open = useCodingUi((store) => store.sheetOpen);
  const setOpen = useCodingUi((store) => store.setSheetOpen);
  if (!open) return null;
  return (
    <Dialog title={nl.codingDay.sheetTitle} onClose={() => setOpen(false)} className="shortcut-sheet" testId="shortcut-sheet">
      {nl.codingDay.sheet.map((group) => (
        <section key={group.title}>
          <h3>{group.title}</h3>
          <dl className="shortcut-list">
            {group.keys.map(([keys, what]) => (
              <div key={keys.join()} className="shortcut-row">
                <dt>
                  {keys.map((key) => (
                    <kbd key={key}>{key}</kbd>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}

export function CodingAnnouncer() {
  const text = useCodingUi((store) => store.announcement);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="coding-announcer">
      {text}
    </p>
  );
}
