import { useState } from 'react';
import type { z } from 'zod';
import { useAppStore } from '../../state/store';
import type { EditableKind } from '../../state/admin/slice';
import { draftProblems, refusalProblems, type FormProblems } from './form_problems';

/**
 * A configuration form's draft and problems: fields are checked against the domain schema once
 * they were touched (or on save), and main's refusal lands at the field it names.
 */
export function useConfigForm<T extends { name: string }>(kind: EditableKind, schema: z.ZodType, initial: T, onSaved: (value: T) => void) {
  const saveConfigObject = useAppStore((s) => s.saveConfigObject);
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refused, setRefused] = useState<FormProblems>({});
  const [saving, setSaving] = useState(false);
  const local = draftProblems(schema, draft);
  const shown: FormProblems = { ...refused };
  for (const [field, message] of Object.entries(local)) {
    const top = field.split('.')[0];
    if (submitted || touched.has(top)) shown[field] ??= message;
  }
  const change = (patch: Partial<T>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((t) => new Set([...t, ...Object.keys(patch)]));
    setRefused({});
  };
  const save = async (afterSave?: (value: T) => Promise<FormProblems>) => {
    setSubmitted(true);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const refusal = await saveConfigObject(kind, draft as never);
      if (refusal !== undefined) return setRefused(refusalProblems(refusal));
      const after = afterSave ? await afterSave(draft) : {};
      if (Object.keys(after).length > 0) return setRefused(after);
      onSaved(draft);
    } finally {
      setSaving(false);
    }
  };
  return { draft, change, problems: shown, save, saving };
}
