import { useId, type ReactNode } from 'react';

/** A labelled form control with its hint and the problem found at it, both read by screen readers. */
export function Field({ label, hint, problem, children }: { label: string; hint?: ReactNode; problem?: string; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : '', problem ? problemId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': problem ? true : undefined })}
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {problem && (
        <div id={problemId} className="field-problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

export function TextField({ label, value, onChange, hint, problem, placeholder, type = 'text', testId }: { label: string; value: string; onChange: (value: string) => void; hint?: ReactNode; problem?: string; placeholder?: string; type?: string; testId?: string }) {
  return (
    <Field label={label} hint={hint} problem={problem}>
      {(props) => <input {...props} type={type} value={value} placeholder={placeholder} data-testid={testId} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
