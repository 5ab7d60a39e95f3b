import { useState } from 'preact/hooks';
import type { Id } from '../../api/types';
import type { FieldMessages } from '../adminErrors';
import { Fieldset } from './fields';

export interface Option {
  id: Id;
  label: string;
}

export interface PenaltyRow {
  id: Id;
  penalty: string;
}

interface MembershipProps {
  legend: string;
  /** Name of the thing added, e.g. "group" or "agent". */
  noun: string;
  idPrefix: string;
  options: Option[];
  rows: PenaltyRow[];
  /** Field name of the list in server errors, e.g. `agent.groups` (rows: `agent.groups[i].penalty`). */
  field: string;
  errors: FieldMessages;
  onChange: (rows: PenaltyRow[]) => void;
}

/** Memberships with a penalty each (0 rings first): a row per member, an "Add" picker for the others. */
export function MembershipEditor({ legend, noun, idPrefix, options, rows, field, errors, onChange }: MembershipProps) {
  const [adding, setAdding] = useState('');
  const labelOf = (id: Id) => options.find((o) => o.id === id)?.label ?? `#${id}`;
  const free = options.filter((o) => !rows.some((r) => r.id === o.id));
  return (
    <Fieldset legend={legend} error={errors[field]}>
      {rows.length === 0 && <p class="muted">No {noun}s.</p>}
      <ul class="membership-list">
        {rows.map((r, i) => {
          const id = `${idPrefix}-penalty-${r.id}`;
          const err = errors[`${field}[${i}].penalty`] ?? errors[`${field}[${i}]`];
          return (
            <li key={r.id}>
              <span class="membership-name">{labelOf(r.id)}</span>
              <label for={id}>Penalty</label>
              <input
                id={id}
                class="penalty"
                inputMode="numeric"
                value={r.penalty}
                aria-invalid={err ? 'true' : undefined}
                aria-describedby={err ? `${id}-error` : undefined}
                onInput={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, penalty: e.currentTarget.value } : x)))}
              />
              <button
                type="button"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                aria-label={`Remove ${labelOf(r.id)}`}
              >
                Remove
              </button>
              {err && (
                <small id={`${id}-error`} class="field-error">
                  {err}
                </small>
              )}
            </li>
          );
        })}
      </ul>
      {free.length > 0 && (
        <div class="membership-add">
          <label for={`${idPrefix}-add`}>Add {noun}</label>
          <select id={`${idPrefix}-add`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <option value="">Choose…</option>
            {free.map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={adding === ''}
            onClick={() => {
              onChange([...rows, { id: Number(adding), penalty: '0' }]);
              setAdding('');
            }}
          >
            Add
          </button>
        </div>
      )}
    </Fieldset>
  );
}

interface CheckListProps {
  legend: string;
  idPrefix: string;
  options: Option[];
  selected: Id[];
  error?: string | undefined;
  onChange: (ids: Id[]) => void;
}

/** Checkboxes for a set of ids (supervised groups, a group's supervisors). */
export function CheckList({ legend, idPrefix, options, selected, error, onChange }: CheckListProps) {
  return (
    <Fieldset legend={legend} error={error}>
      {options.length === 0 && <p class="muted">None to choose from.</p>}
      <div class="check-list">
        {options.map((o) => {
          const id = `${idPrefix}-${o.id}`;
          const on = selected.includes(o.id);
          return (
            <div class="check-field" key={o.id}>
              <input
                id={id}
                type="checkbox"
                checked={on}
                onChange={() => onChange(on ? selected.filter((x) => x !== o.id) : [...selected, o.id])}
              />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
