import { useState } from 'preact/hooks';
import type { AdminApi } from '../adminApi';
import { refusal, type FieldMessages } from '../adminErrors';
import type { AdminGroup } from '../adminTypes';
import { CheckField, FormProblem, SelectField, TextField, nextFormId } from '../ui/fields';
import { CheckList, MembershipEditor, type Option } from '../ui/pickers';
import {
  STRATEGY_TEXT,
  createGroupBody,
  emptyGroup,
  groupFormFields,
  groupValues,
  patchGroupBody,
  validateGroup,
  type GroupValues,
} from './groupForm';

interface Props {
  api: AdminApi;
  original: AdminGroup | null;
  /** Agents (by agent id) and supervisors or admins (by user id) to choose from. */
  agents: Option[];
  supervisors: Option[];
  onSaved: (group: AdminGroup) => void;
  onCancel: () => void;
}

/** Create or edit a group (its queue): strategy, timings, recording, members with penalty, supervisors. */
export function GroupForm({ api, original, agents, supervisors, onSaved, onCancel }: Props) {
  const [id] = useState(() => nextFormId('group'));
  const [values, setValues] = useState<GroupValues>(() => (original ? groupValues(original) : emptyGroup()));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const creating = original == null;
  const set = (p: Partial<GroupValues>) => setValues((v) => ({ ...v, ...p }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = validateGroup(values);
    setErrors(wrong);
    if (Object.keys(wrong).length) {
      setProblem('Some fields need correcting.');
      return;
    }
    const body = creating ? createGroupBody(values) : patchGroupBody(original, values);
    if (!creating && Object.keys(body).length === 0) {
      setProblem('Nothing changed.');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      onSaved(creating ? await api.groups.create(body) : await api.groups.patch(original.id, body));
    } catch (err) {
      const r = refusal(err, groupFormFields(values));
      setErrors(r.fields);
      setProblem(r.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="card admin-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-title`}>{creating ? 'New group' : `Edit ${original.name}`}</h2>
      {original && <p class="muted">Queue {original.queueName}</p>}
      <div class="admin-grid">
        <TextField
          id={`${id}-name`}
          label="Name"
          value={values.name}
          error={errors.name}
          required
          maxLength={100}
          onInput={(name) => set({ name })}
        />
        <SelectField
          id={`${id}-strategy`}
          label="Ring strategy"
          value={values.strategy}
          options={STRATEGY_TEXT}
          error={errors.strategy}
          onChange={(strategy) => set({ strategy })}
        />
        <TextField
          id={`${id}-ring`}
          label="Ring timeout (seconds)"
          inputMode="numeric"
          hint="5 to 300"
          value={values.ringTimeoutSeconds}
          error={errors.ringTimeoutSeconds}
          onInput={(ringTimeoutSeconds) => set({ ringTimeoutSeconds })}
        />
        <TextField
          id={`${id}-sl`}
          label="Service level (seconds)"
          inputMode="numeric"
          hint="Answered within this counts as in service level; 1 to 3600"
          value={values.serviceLevelSeconds}
          error={errors.serviceLevelSeconds}
          onInput={(serviceLevelSeconds) => set({ serviceLevelSeconds })}
        />
      </div>
      <CheckField
        id={`${id}-record`}
        label="Always record calls"
        checked={values.alwaysRecord}
        onChange={(alwaysRecord) => set({ alwaysRecord })}
      />
      <MembershipEditor
        legend="Members"
        noun="agent"
        idPrefix={`${id}-members`}
        options={agents}
        rows={values.members.map((m) => ({ id: m.agentId, penalty: m.penalty }))}
        field="members"
        errors={errors}
        onChange={(rows) => set({ members: rows.map((r) => ({ agentId: r.id, penalty: r.penalty })) })}
      />
      <CheckList
        legend="Supervisors"
        idPrefix={`${id}-supervisors`}
        options={supervisors}
        selected={values.supervisors}
        error={errors.supervisors}
        onChange={(ids) => set({ supervisors: ids })}
      />
      <FormProblem message={problem} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : creating ? 'Create group' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
