import { useId, useState } from 'react';

/** `2026-03-01` as `01/03/2026`. */
export const displayDate = (iso: string) => (iso ? iso.split('-').reverse().join('/') : '');

/** What was typed as dd/mm/aaaa, slashes put in as the digits come. */
function typed(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 8);
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean).join('/');
}

/** `01/03/2026` as `2026-03-01`, or why not. */
export function parseDisplayDate(text: string): { iso: string } | { error: string } {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) return { error: 'Use dd/mm/aaaa' };
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) {
    return { error: 'Data inexistente' };
  }
  return { iso: `${year}-${month}-${day}` };
}

/**
 * A calendar date typed as dd/mm/aaaa whatever the browser's language (a native date input
 * follows the browser's: mm/dd/yyyy in an English one). `value`, `min`, `max` and `onChange` use
 * yyyy-mm-dd; a partial, impossible or out-of-range date is not sent, and the field says why.
 */
export function DateField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  required = false,
  hideLabel = false,
  testId,
}: {
  id?: string;
  label: string;
  value: string;
  onChange(iso: string): void;
  min?: string;
  max?: string;
  required?: boolean;
  hideLabel?: boolean;
  testId?: string;
}) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const errorId = `${inputId}-error`;
  const [text, setText] = useState(displayDate(value));
  const [error, setError] = useState<string | null>(null);
  /** The last `value` seen, and the last date sent: only a value from outside replaces the text. */
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState<string | null>(null);
  // A new value from outside (the URL, a preset) replaces what is typed; the echo of what was
  // just sent does not, nor does a render before it arrives (a router updates in a transition).
  if (value !== seen) {
    setSeen(value);
    setSent(null);
    if (value !== sent) {
      setText(displayDate(value));
      setError(null);
    }
  }

  const change = (raw: string) => {
    const next = typed(raw);
    setText(next);
    if (next === '') {
      setError(required ? 'Informe a data' : null);
      if (!required) {
        setSent('');
        onChange('');
      }
      return;
    }
    if (next.length < 10) {
      setError(null);
      return;
    }
    const parsed = parseDisplayDate(next);
    if ('error' in parsed) return setError(parsed.error);
    if (min && parsed.iso < min) return setError(`A partir de ${displayDate(min)}`);
    if (max && parsed.iso > max) return setError(`Até ${displayDate(max)}`);
    setError(null);
    setSent(parsed.iso);
    onChange(parsed.iso);
  };

  return (
    <>
      <label htmlFor={inputId} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={inputId}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/aaaa"
        maxLength={10}
        className="date-field"
        data-testid={testId}
        value={text}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => change(event.target.value)}
        onBlur={() => {
          if (text.length > 0 && text.length < 10) setError('Use dd/mm/aaaa');
        }}
      />
      {error ? (
        <span id={errorId} className="error-text field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
