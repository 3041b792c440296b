import type { ComponentChildren } from 'preact';

interface Props {
  /** The input's DOM id; its hint and error take this id with a suffix. */
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: ComponentChildren;
  /** Translated message; the field is marked invalid and announces it while set. */
  error?: string | null;
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
  /** Unit after the input ("s", "×"). */
  unit?: string;
  size?: number;
}

/** A labelled text input whose hint and error are tied to it for screen readers. */
export function SettingsField({ id, label, value, onInput, hint, error, inputMode, placeholder, unit, size }: Props) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="settings-field">
      <label for={id}>{label}</label>
      <span class="settings-input">
        <input
          id={id}
          type="text"
          value={value}
          size={size ?? 6}
          inputMode={inputMode ?? 'numeric'}
          placeholder={placeholder}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        {unit ? <span class="settings-unit">{unit}</span> : null}
      </span>
      {errorId ? (
        <span id={errorId} class="settings-error">
          {error}
        </span>
      ) : null}
      {hintId ? (
        <span id={hintId} class="settings-hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
