import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api/client';
import type { Disposition, DispositionGiven } from '../api/types';

interface Props {
  callId: string;
  dispositions: Disposition[];
  /** The tenant requires one before wrap-up can end. */
  required: boolean;
  /** Wrap-up waits for it now (the server says so). */
  blocking: boolean;
  give: (callId: string, code: string, note: string) => Promise<DispositionGiven>;
  /** Opens the "schedule a callback" form for this call. */
  onScheduleCallback: () => void;
}

let seq = 0;

/** The outcome of the last call, with a note, and the way to schedule a callback from it. */
export function DispositionPicker({ callId, dispositions, required, blocking, give, onScheduleCallback }: Props) {
  const [id] = useState(() => `disp-${++seq}`);
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<DispositionGiven | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setCode('');
    setNote('');
    setSaved(null);
    setError(null);
  }, [callId]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!code) {
      setError('Choose a disposition.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      setSaved(await give(callId, code, note));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="disposition" aria-label="Disposition" onSubmit={(e) => void save(e)}>
      <label for={`${id}-code`}>Disposition{required && <span class="required"> (required)</span>}</label>
      <select id={`${id}-code`} value={code} required={required} onChange={(e) => setCode(e.currentTarget.value)}>
        <option value="">Choose…</option>
        {dispositions.map((d) => (
          <option key={d.code} value={d.code}>
            {d.label}
          </option>
        ))}
      </select>
      <label for={`${id}-note`}>Note</label>
      <input id={`${id}-note`} value={note} maxLength={1024} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="submit" disabled={saving}>
        Save disposition
      </button>
      <button type="button" class="link" onClick={onScheduleCallback}>
        Schedule a callback
      </button>
      {blocking && (
        <p class="disposition-reason" id="disposition-reason">
          Choose a disposition for this call to leave wrap-up.
        </p>
      )}
      {saved && (
        <p class="disposition-saved" role="status">
          Disposition saved: {saved.label}
        </p>
      )}
      {error && (
        <p class="form-problem" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
