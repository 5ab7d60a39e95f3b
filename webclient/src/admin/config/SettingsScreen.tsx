import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../adminApi';
import { refusal, type FieldMessages } from '../adminErrors';
import type { TenantSettings } from '../adminTypes';
import { CheckField, FormProblem, SelectField, TextField } from '../ui/fields';

type Flag = 'ringBeep' | 'ringNotification' | 'clickToDialAutoAnswer' | 'allowEndWrapupEarly' | 'dispositionRequired';

const FLAG_TEXT: Record<Flag, string> = {
  ringBeep: 'Beep while a call rings',
  ringNotification: 'Desktop notification while a call rings',
  clickToDialAutoAnswer: 'The webphone answers click-to-dial calls by itself',
  allowEndWrapupEarly: 'Agents may end wrap-up early',
  dispositionRequired: 'An answered call needs a disposition before wrap-up ends',
};

/** Only the settings that differ from the loaded ones. */
export function settingsPatch(before: TenantSettings, after: TenantSettings): Partial<TenantSettings> {
  const p: Partial<TenantSettings> = {};
  for (const k of Object.keys(after) as (keyof TenantSettings)[]) {
    if (after[k] !== before[k]) (p as Record<string, unknown>)[k] = after[k];
  }
  return p;
}

/** The tenant's name, time zone and call-handling switches. */
export function SettingsScreen({ api }: { api: AdminApi }) {
  const [loaded, setLoaded] = useState<TenantSettings | null>(null);
  const [values, setValues] = useState<TenantSettings | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    api.settings.get().then(
      (s) => {
        setLoaded(s);
        setValues(s);
      },
      (e: unknown) => setProblem(refusal(e).form),
    );
  }, [api]);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!loaded || !values) return;
    const body = settingsPatch(loaded, { ...values, name: values.name.trim(), timeZone: values.timeZone.trim() });
    if (Object.keys(body).length === 0) return setProblem('Nothing changed.');
    setNotice(null);
    try {
      const s = await api.settings.patch(body);
      setLoaded(s);
      setValues(s);
      setErrors({});
      setProblem(null);
      setNotice('Settings are saved.');
    } catch (err) {
      const r = refusal(
        err,
        new Set(['name', 'timeZone', 'reattachGraceSeconds', 'reattachAfter', ...Object.keys(FLAG_TEXT)]),
      );
      setErrors(r.fields);
      setProblem(r.form);
    }
  };
  const set = (p: Partial<TenantSettings>) => setValues((v) => (v ? { ...v, ...p } : v));
  return (
    <section class="admin-screen" aria-label="Settings">
      <h2>Settings</h2>
      {values == null ? (
        <p class="muted" role="status">
          {problem ?? 'Loading…'}
        </p>
      ) : (
        <form class="card admin-form" aria-label="Tenant settings" onSubmit={(e) => void save(e)} noValidate>
          <div class="admin-grid">
            <TextField
              id="settings-name"
              label="Tenant name"
              value={values.name}
              error={errors.name}
              onInput={(name) => set({ name })}
            />
            <TextField
              id="settings-tz"
              label="Time zone"
              hint="IANA name, e.g. Europe/Berlin"
              value={values.timeZone}
              error={errors.timeZone}
              onInput={(timeZone) => set({ timeZone })}
            />
          </div>
          {(Object.keys(FLAG_TEXT) as Flag[]).map((k) => (
            <CheckField
              key={k}
              id={`settings-${k}`}
              label={FLAG_TEXT[k]}
              checked={values[k]}
              onChange={(v) => set({ [k]: v })}
            />
          ))}
          <div class="admin-grid">
            <TextField
              id="settings-reattach-grace"
              label="Reloaded page: seconds the customer waits"
              hint="When an agent's page goes away mid-call, the customer hears music for this long (10 to 600)"
              type="number"
              value={String(values.reattachGraceSeconds)}
              error={errors.reattachGraceSeconds}
              onInput={(v) => set({ reattachGraceSeconds: Number(v) })}
            />
            <SelectField
              id="settings-reattach-after"
              label="If the agent does not come back"
              value={values.reattachAfter}
              options={{ requeue: 'Back to the head of the queue', hangup: 'End the call' }}
              error={errors.reattachAfter}
              onChange={(reattachAfter) => set({ reattachAfter })}
            />
          </div>
          <FormProblem message={problem} />
          <p class="muted" role="status" aria-live="polite">
            {notice ?? ''}
          </p>
          <div class="form-actions">
            <button type="submit" class="primary">
              Save settings
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
