// Pure presentation of a call's details: attached-data rows, caller line, CRM popup URL checks.
import type { AttachedDataItem, AttachedDataKey, CallOffer } from '../api/types';

/** Keys longer than this many characters are cut (full key on hover and for screen readers). */
export const KEY_DISPLAY_MAX = 15;

/** `key` cut to `max` characters (code points, so no emoji is split) plus an ellipsis. */
export function truncateKey(key: string, max = KEY_DISPLAY_MAX): string {
  const chars = Array.from(key);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : key;
}

export interface AttachedDataRow {
  position: number;
  /** The full key. */
  key: string;
  /** What the row shows: the key cut to {@link KEY_DISPLAY_MAX} characters. */
  shownKey: string;
  truncated: boolean;
  value: string;
}

/**
 * Rows in the tenant's order (by position). A row shows the label the tenant gave its key (found by the key's name,
 * or by position when the server left the key empty); without a label, the key itself; a key left empty without a
 * configured one reads "Variable N".
 */
export function attachedDataRows(items: AttachedDataItem[], configured: AttachedDataKey[] = []): AttachedDataRow[] {
  const byPosition = new Map(configured.map((k) => [k.position, k]));
  const byName = new Map(configured.map((k) => [k.name.toLowerCase(), k]));
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const raw = item.key.trim();
      const def = raw ? byName.get(raw.toLowerCase()) : byPosition.get(item.position);
      const key = def?.label?.trim() || raw || def?.name || `Variable ${item.position}`;
      const shownKey = truncateKey(key);
      return { position: item.position, key, shownKey, truncated: shownKey !== key, value: item.value };
    });
}

/** "Zoë Müller (+4930123)", or whichever of the two is known. */
export function callerText(offer: Pick<CallOffer, 'callerName' | 'callerNumber'> | null): string {
  const name = offer?.callerName?.trim() ?? '';
  const number = offer?.callerNumber?.trim() ?? '';
  if (name && number && name !== number) return `${name} (${number})`;
  return name || number || 'Unknown caller';
}

/** The URL if it is an absolute http(s) URL, else null: a popup never runs `javascript:` or opens `data:`. */
export function safePopupUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
