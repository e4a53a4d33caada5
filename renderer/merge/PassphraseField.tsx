/** A field for the team passphrase: typed to make a bundle (twice), or to read one. */
import { Field } from '../ui/Field';

export function PassphraseField(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  testId: string;
  /** Making a bundle sets the passphrase (a password manager may offer one); reading one only uses it. */
  purpose: 'set' | 'use';
  /** False where the bundle may go to (or come from) the team's keys instead. */
  required?: boolean;
}) {
  return (
    <Field label={props.label} hint={props.hint} required={props.required ?? true}>
      <input
        type="password"
        autoComplete={props.purpose === 'set' ? 'new-password' : 'off'}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}
