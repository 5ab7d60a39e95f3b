import { useState } from 'preact/hooks';
import type { CallbackFields } from '../api/types';
import { cleanNumber, formProblem, localParts, toInstant } from './agenda';

export interface CallbackFormValues {
  dueAt?: string;
  number: string;
  name: string;
  note: string;
}

interface Props {
  /** Prefilled values (the caller's number from the call, or the callback being edited). */
  initial: CallbackFormValues;
  /** The call it is scheduled from, if any. */
  callId?: string | null;
  submitLabel: string;
  onSubmit: (fields: CallbackFields) => Promise<boolean>;
  onCancel: () => void;
}

let seq = 0;

/** Date, time, number, name and note of a callback. */
export function CallbackForm({ initial, callId, submitLabel, onSubmit, onCancel }: Props) {
  const [id] = useState(() => `cbf-${++seq}`);
  const start = localParts(
    initial.dueAt ?? new Date(Math.ceil((Date.now() + 3600_000) / 60_000) * 60_000).toISOString(),
  );
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [number, setNumber] = useState(initial.number);
  const [name, setName] = useState(initial.name);
  const [note, setNote] = useState(initial.note);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = formProblem({ date, time, number, name, note });
    setProblem(wrong);
    if (wrong) return;
    setSaving(true);
    const fields: CallbackFields = {
      dueAt: toInstant(date, time)!,
      number: cleanNumber(number),
      name: name.trim(),
      note,
    };
    if (callId) fields.callId = callId;
    const ok = await onSubmit(fields);
    setSaving(false);
    if (ok) onCancel();
  };

  return (
    <form class="callback-form" aria-label="Callback" onSubmit={(e) => void submit(e)}>
      <div class="callback-when">
        <label for={`${id}-date`}>Date</label>
        <input id={`${id}-date`} type="date" value={date} required onInput={(e) => setDate(e.currentTarget.value)} />
        <label for={`${id}-time`}>Time</label>
        <input
          id={`${id}-time`}
          type="time"
          step={1}
          value={time}
          required
          onInput={(e) => setTime(e.currentTarget.value)}
        />
      </div>
      <label for={`${id}-number`}>Number</label>
      <input
        id={`${id}-number`}
        type="tel"
        value={number}
        required
        maxLength={40}
        onInput={(e) => setNumber(e.currentTarget.value)}
      />
      <label for={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} maxLength={128} onInput={(e) => setName(e.currentTarget.value)} />
      <label for={`${id}-note`}>Note</label>
      <textarea
        id={`${id}-note`}
        value={note}
        maxLength={1024}
        rows={2}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      {problem && (
        <p class="form-problem" role="alert">
          {problem}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" disabled={saving}>
          {submitLabel}
        </button>
        <button type="button" class="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
