import { useEffect, useState } from 'preact/hooks';
import { listAll, type AdminApi } from '../adminApi';
import { refusal, refusalText, type FieldMessages } from '../adminErrors';
import type { PopupRule } from '../adminTypes';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CheckField, FormProblem, SelectField, TextField, nextFormId } from '../ui/fields';
import { ListShell } from '../ui/ListShell';
import type { Option } from '../ui/pickers';
import { POPUP_FIELDS, emptyPopup, popupBody, popupValues, validatePopup, type PopupValues } from './popupRuleForm';

const KIND_TEXT = { inbound: 'Inbound calls', outbound: 'Outbound calls', any: 'Any call' } as const;
const TRIGGER_TEXT = { ring: 'When it rings', answer: 'When it is answered' } as const;
/** A sample call for the preview (call/PopupTemplate's placeholder names). */
const SAMPLE = {
  callerNumber: '+4930123456',
  callerName: 'Zoë Müller',
  callId: 'sample-call',
  queue: 'support',
  agentNumber: '1001',
  extension: '201',
};

/** CRM popup rules: which calls open which address, with a preview of the expanded address. */
export function PopupRulesScreen({ api }: { api: AdminApi }) {
  const [list] = useState(() => new ListController<PopupRule>((q) => api.popupRules.list(q)));
  const [queues, setQueues] = useState<Option[]>([]);
  const [editing, setEditing] = useState<PopupRule | 'new' | null>(null);
  useEffect(() => {
    listAll((q) => api.groups.list({ ...q, sort: 'name' }))
      .then((gs) => setQueues(gs.map((g) => ({ id: g.id, label: g.name }))))
      .catch((e: unknown) => list.fail(refusalText(e)));
  }, [api, list]);
  const queueName = (id: number | null) =>
    id == null ? 'Every queue' : (queues.find((q) => q.id === id)?.label ?? `#${id}`);
  const remove = async (r: PopupRule) => {
    try {
      await api.popupRules.remove(r.id);
      list.removeLocal(r.id);
    } catch (e) {
      list.fail(refusalText(e));
    }
  };
  return (
    <section class="admin-screen" aria-label="Popup rules">
      <h2>Popup rules</h2>
      {editing && (
        <PopupForm
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          queues={queues}
          original={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(r) => {
            list.upsert(r);
            setEditing(null);
          }}
        />
      )}
      <ListShell
        list={list}
        noun="rules"
        searchLabel="Search rules"
        head={['Address', 'Queue', 'Calls', 'Opens', 'Status', 'Actions']}
        actions={
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            New rule
          </button>
        }
        row={(r) => (
          <tr key={r.id} class="admin-row">
            <th scope="row">{r.urlTemplate}</th>
            <td>{queueName(r.queueId)}</td>
            <td>{KIND_TEXT[r.callKind]}</td>
            <td>{TRIGGER_TEXT[r.trigger]}</td>
            <td>{r.active ? 'Active' : 'Inactive'}</td>
            <td class="row-actions">
              <button type="button" aria-label={`Edit rule ${r.urlTemplate}`} onClick={() => setEditing(r)}>
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete rule ${r.urlTemplate}`}
                question="Delete this rule?"
                onConfirm={() => remove(r)}
              />
            </td>
          </tr>
        )}
      />
    </section>
  );
}

interface FormProps {
  api: AdminApi;
  queues: Option[];
  original: PopupRule | null;
  onSaved: (r: PopupRule) => void;
  onCancel: () => void;
}

function PopupForm({ api, queues, original, onSaved, onCancel }: FormProps) {
  const [id] = useState(() => nextFormId('popup'));
  const [values, setValues] = useState<PopupValues>(() => (original ? popupValues(original) : emptyPopup()));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const set = (p: Partial<PopupValues>) => setValues((v) => ({ ...v, ...p }));
  const queueOptions: Record<string, string> = { '': 'Every queue' };
  for (const q of queues) queueOptions[String(q.id)] = q.label;

  const showPreview = async () => {
    setPreview(null);
    try {
      setPreview((await api.previewPopup(values.urlTemplate.trim(), SAMPLE)).url);
      setErrors({});
    } catch (err) {
      const r = refusal(err, POPUP_FIELDS);
      setErrors(r.fields);
      setProblem(r.form);
    }
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const wrong = validatePopup(values);
    setErrors(wrong);
    if (Object.keys(wrong).length) return setProblem('Some fields need correcting.');
    const body = popupBody(values, original);
    if (original && Object.keys(body).length === 0) return setProblem('Nothing changed.');
    try {
      onSaved(original ? await api.popupRules.patch(original.id, body) : await api.popupRules.create(body));
    } catch (err) {
      const r = refusal(err, POPUP_FIELDS);
      setErrors(r.fields);
      setProblem(r.form);
    }
  };
  return (
    <form
      class="card admin-form"
      aria-label={original ? 'Edit popup rule' : 'New popup rule'}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <TextField
        id={`${id}-url`}
        label="Address template"
        type="url"
        hint="Placeholders such as {callerNumber}, {callerName}, {callId}, {queue} or an attached-data key are filled from the call (not in the host)"
        value={values.urlTemplate}
        error={errors.urlTemplate}
        onInput={(urlTemplate) => set({ urlTemplate })}
      />
      <div class="admin-grid">
        <SelectField
          id={`${id}-queue`}
          label="Queue"
          value={values.queueId == null ? '' : String(values.queueId)}
          options={queueOptions}
          error={errors.queueId}
          onChange={(v) => set({ queueId: v === '' ? null : Number(v) })}
        />
        <SelectField
          id={`${id}-kind`}
          label="Calls"
          value={values.callKind}
          options={KIND_TEXT}
          error={errors.callKind}
          onChange={(callKind) => set({ callKind })}
        />
        <SelectField
          id={`${id}-trigger`}
          label="Opens"
          value={values.trigger}
          options={TRIGGER_TEXT}
          error={errors.trigger}
          onChange={(trigger) => set({ trigger })}
        />
      </div>
      <CheckField id={`${id}-active`} label="Active" checked={values.active} onChange={(active) => set({ active })} />
      <div class="form-actions">
        <button type="button" onClick={() => void showPreview()}>
          Preview
        </button>
        <output class="muted" aria-live="polite" for={`${id}-url`}>
          {preview ? `Opens ${preview}` : ''}
        </output>
      </div>
      <FormProblem message={problem} />
      <div class="form-actions">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
