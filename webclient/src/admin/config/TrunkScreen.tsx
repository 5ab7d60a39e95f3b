import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../adminApi';
import { refusal, type FieldMessages } from '../adminErrors';
import { CheckField, FormProblem, TextField } from '../ui/fields';
import { trunkPatch, trunkProblems, trunkValues, type Trunk, type TrunkValues } from './trunkForm';

const FIELDS = new Set(['name', 'host', 'port', 'username', 'password', 'outboundCallerId']);

/** The tenant's trunk and outbound caller id; the password is write-only (never shown, only "set"). */
export function TrunkScreen({ api, domain }: { api: AdminApi; domain: string }) {
  const [loaded, setLoaded] = useState<Trunk | null>(null);
  const [values, setValues] = useState<TrunkValues | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const show = (t: Trunk) => {
    setLoaded(t);
    setValues(trunkValues(t));
  };
  useEffect(() => {
    api.trunk.get().then(show, (e: unknown) => setProblem(refusal(e).form));
  }, [api]);
  const set = (v: Partial<TrunkValues>) => setValues((old) => (old ? { ...old, ...v } : old));
  const save = async (e: Event) => {
    e.preventDefault();
    if (!loaded || !values) return;
    const found = trunkProblems(values, domain);
    setErrors(found as FieldMessages);
    setNotice(null);
    if (Object.keys(found).length > 0) return;
    const body = trunkPatch(loaded, values);
    if (Object.keys(body).length === 0) return setProblem('Nothing changed.');
    try {
      show(await api.trunk.patch(body));
      setProblem(null);
      setNotice('The trunk is saved; the phone system is updated.');
    } catch (err) {
      const r = refusal(err, FIELDS);
      setErrors(r.fields);
      setProblem(r.form);
    }
  };
  if (!values || !loaded)
    return (
      <section class="admin-screen" aria-label="Trunk">
        <h2>Trunk</h2>
        <FormProblem message={problem} />
      </section>
    );
  return (
    <section class="admin-screen" aria-label="Trunk">
      <h2>Trunk and outbound caller id</h2>
      <form class="card admin-form" aria-label="Trunk" onSubmit={(e) => void save(e)} noValidate>
        <div class="admin-grid">
          <TextField
            id="trunk-name"
            label="Name"
            value={values.name}
            error={errors.name}
            hint={`${domain}-<name>, e.g. ${domain}-pstn`}
            maxLength={79}
            onInput={(name) => set({ name })}
          />
          <TextField
            id="trunk-host"
            label="Provider host"
            value={values.host}
            error={errors.host}
            hint="Empty: the trunk is written by hand in pjsip.conf"
            maxLength={253}
            onInput={(host) => set({ host })}
          />
          <TextField
            id="trunk-port"
            label="Port"
            value={values.port}
            error={errors.port}
            inputMode="numeric"
            onInput={(port) => set({ port })}
          />
          <TextField
            id="trunk-username"
            label="Username"
            value={values.username}
            error={errors.username}
            autoComplete="off"
            maxLength={64}
            onInput={(username) => set({ username })}
          />
          <TextField
            id="trunk-password"
            label="Password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            error={errors.password}
            hint={loaded.passwordSet ? 'A password is set; leave empty to keep it' : 'No password set'}
            onInput={(password) => set({ password })}
          />
          <TextField
            id="trunk-callerid"
            label="Outbound caller id"
            value={values.outboundCallerId}
            error={errors.outboundCallerId}
            hint="Empty: left to the trunk"
            maxLength={21}
            onInput={(outboundCallerId) => set({ outboundCallerId })}
          />
        </div>
        {loaded.passwordSet && (
          <CheckField
            id="trunk-clear-password"
            label="Remove the stored password"
            checked={values.clearPassword}
            onChange={(clearPassword) => set({ clearPassword })}
          />
        )}
        <FormProblem message={problem} />
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="primary">
            Save trunk
          </button>
        </div>
      </form>
    </section>
  );
}
