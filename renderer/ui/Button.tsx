/**
 * A button whose `label` is both its accessible name and its tooltip: the
 * icon buttons (×, ↑, ↓) and the buttons whose visible text is a short form of
 * what they do. `type` is "button" unless told otherwise.
 */
import type { ButtonHTMLAttributes } from 'react';

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'title'> {
  label: string;
}

export function Button({ label, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} aria-label={label} title={label} {...rest} />;
}
