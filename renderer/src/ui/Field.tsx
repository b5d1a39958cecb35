// A labelled form field with its hint and its error, as every form in the app lays them out: the
// label names the control (htmlFor), the error follows it (id `<id>-error`, for aria-describedby).
import type { ReactNode } from 'react';

export function Field({
  id,
  label,
  error,
  hint,
  hintId,
  grow,
  narrow,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  hintId?: string;
  grow?: boolean;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={['field', grow ? 'field-grow' : '', narrow ? 'field-narrow' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={hintId} className="hint field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
