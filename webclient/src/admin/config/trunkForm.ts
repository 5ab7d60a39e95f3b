/** The trunk as GET/PATCH /api/admin/trunk shows it; the password is write-only (`passwordSet`). */
export interface Trunk {
  name: string | null;
  host: string | null;
  port: number | null;
  username: string | null;
  outboundCallerId: string | null;
  passwordSet: boolean;
}

/** What the trunk form holds, as typed; `password` empty keeps the stored one, `clearPassword` removes it. */
export interface TrunkValues {
  name: string;
  host: string;
  port: string;
  username: string;
  password: string;
  clearPassword: boolean;
  outboundCallerId: string;
}

export function trunkValues(t: Trunk): TrunkValues {
  return {
    name: t.name ?? '',
    host: t.host ?? '',
    port: t.port == null ? '5060' : String(t.port),
    username: t.username ?? '',
    password: '',
    clearPassword: false,
    outboundCallerId: t.outboundCallerId ?? '',
  };
}

/** The characters the server accepts in a trunk password (they cannot break a pjsip.conf line). */
const PASSWORD = /^[A-Za-z0-9!%&'()*+,\-./:<>?@^_`{|}~]{1,128}$/;

export function trunkProblems(v: TrunkValues, domain: string): Partial<Record<keyof TrunkValues, string>> {
  const e: Partial<Record<keyof TrunkValues, string>> = {};
  if (!v.name.trim()) e.name = `Enter a name such as ${domain}-pstn.`;
  else if (!v.name.trim().startsWith(`${domain}-`)) e.name = `The name starts with ${domain}-.`;
  const port = Number(v.port);
  if (!/^\d{1,5}$/.test(v.port.trim()) || port < 1 || port > 65535) e.port = 'A port from 1 to 65535.';
  if (v.password !== '' && !PASSWORD.test(v.password))
    e.password =
      'Up to 128 letters, digits or ! % & \' ( ) * + , - . / : < > ? @ ^ _ ` { | } ~ (no spaces, ; [ ] = \\ " # $).';
  if (v.password !== '' && !v.username.trim()) e.username = 'A password needs a username.';
  if (v.outboundCallerId.trim() && !/^\+?\d{2,20}$/.test(v.outboundCallerId.trim()))
    e.outboundCallerId = 'A number of 2 to 20 digits, + allowed first.';
  return e;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The PATCH body: only what differs from the loaded trunk; empty texts clear (null). */
export function trunkPatch(before: Trunk, v: TrunkValues): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (v.name.trim() !== (before.name ?? '')) p.name = v.name.trim();
  if (orNull(v.host) !== before.host) p.host = orNull(v.host);
  if (Number(v.port) !== (before.port ?? 5060)) p.port = Number(v.port);
  if (orNull(v.username) !== before.username) p.username = orNull(v.username);
  if (v.password !== '') p.password = v.password;
  else if (v.clearPassword && before.passwordSet) p.password = null;
  if (orNull(v.outboundCallerId) !== before.outboundCallerId) p.outboundCallerId = orNull(v.outboundCallerId);
  return p;
}
