import type { FormProblems } from './form_problems';

/** Save / Cancel, with the problem that belongs to no single field above them. */
export function FormButtons({ problems, saving, onCancel, testId }: { problems: FormProblems; saving: boolean; onCancel: () => void; testId: string }) {
  return (
    <>
      {problems[''] && (
        <p className="problem" role="alert" data-testid={`${testId}-problem`}>
          {problems['']}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={saving} data-testid={`${testId}-save`}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** A labelled checkbox (the Field component is for text-like controls). */
export function CheckField({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <label className="check-field">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} /> {label}
    </label>
  );
}
