import { useState } from 'preact/hooks';
import type { Role } from '../../api/types';
import type { AdminApi } from '../adminApi';
import { refusal, type FieldMessages } from '../adminErrors';
import type { AdminUser } from '../adminTypes';
import { CheckField, FormProblem, SelectField, TextField, nextFormId } from '../ui/fields';
import { CheckList, type Option } from '../ui/pickers';
import { AgentFieldset } from './AgentFieldset';
import {
  createBody,
  emptyUser,
  patchBody,
  userFormFields,
  userValues,
  validateUser,
  type UserValues,
} from './userForm';

export const ROLE_TEXT: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator' };

interface Props {
  api: AdminApi;
  /** The user being edited, or null for a new one. */
  original: AdminUser | null;
  groups: Option[];
  onSaved: (user: AdminUser) => void;
  onCancel: () => void;
}

/** Create or edit one user (and its agent part). The password field is never filled. */
export function UserForm({ api, original, groups, onSaved, onCancel }: Props) {
  const [id] = useState(() => nextFormId('user'));
  const [values, setValues] = useState<UserValues>(() => (original ? userValues(original) : emptyUser()));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const creating = original == null;
  const set = (p: Partial<UserValues>) => setValues((v) => ({ ...v, ...p }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = validateUser(values, creating);
    setErrors(wrong);
    if (Object.keys(wrong).length) {
      setProblem('Some fields need correcting.');
      return;
    }
    const body = creating ? createBody(values) : patchBody(original, values);
    if (!creating && Object.keys(body).length === 0) {
      setProblem('Nothing changed.');
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const saved = creating ? await api.users.create(body) : await api.users.patch(original.id, body);
      onSaved(saved);
    } catch (err) {
      const r = refusal(err, userFormFields(values));
      setErrors(r.fields);
      setProblem(r.form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="card admin-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-title`}>{creating ? 'New user' : `Edit ${original.username}`}</h2>
      <div class="admin-grid">
        <TextField
          id={`${id}-username`}
          label="Username"
          value={values.username}
          error={errors.username}
          required
          autoComplete="off"
          onInput={(username) => set({ username })}
        />
        <TextField
          id={`${id}-display`}
          label="Display name"
          value={values.displayName}
          error={errors.displayName}
          required
          onInput={(displayName) => set({ displayName })}
        />
        <SelectField
          id={`${id}-role`}
          label="Role"
          value={values.role}
          options={ROLE_TEXT}
          error={errors.role}
          onChange={(role) => set({ role })}
        />
        <TextField
          id={`${id}-password`}
          label={creating ? 'Password' : 'New password'}
          type="password"
          autoComplete="new-password"
          value={values.password}
          hint={creating ? 'At least 10 characters' : 'Leave empty to keep the password'}
          error={errors.password}
          onInput={(password) => set({ password })}
        />
      </div>
      <CheckField
        id={`${id}-pwchange`}
        label="Ask for a new password at the next sign-in"
        checked={values.passwordChangeRequired}
        onChange={(passwordChangeRequired) => set({ passwordChangeRequired })}
      />
      <CheckField
        id={`${id}-enabled`}
        label="Enabled (may sign in)"
        checked={values.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      {values.role === 'agent' ? (
        <AgentFieldset
          id={id}
          value={values.agent}
          groups={groups}
          errors={errors}
          onChange={(agent) => set({ agent })}
        />
      ) : (
        <CheckList
          legend="Supervises groups"
          idPrefix={`${id}-supervises`}
          options={groups}
          selected={values.supervises}
          error={errors.supervises}
          onChange={(supervises) => set({ supervises })}
        />
      )}
      <FormProblem message={problem} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : creating ? 'Create user' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
