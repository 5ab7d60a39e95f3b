import type { FieldMessages } from '../adminErrors';
import type { AttachedDataKeyDef } from '../adminTypes';

export const MAX_KEYS = 10;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Checks the whole list as the PUT replaces it: at most 10, names valid and unique, labels present. */
export function validateKeys(keys: AttachedDataKeyDef[]): FieldMessages {
  const e: FieldMessages = {};
  if (keys.length > MAX_KEYS) e.keys = `At most ${MAX_KEYS} keys.`;
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (!NAME.test(k.name))
      e[`keys[${i}].name`] = 'A name starts with a letter, then letters, digits or _ (at most 64).';
    else if (seen.has(k.name)) e[`keys[${i}].name`] = 'Another key already has this name.';
    seen.add(k.name);
    if (!k.label.trim()) e[`keys[${i}].label`] = 'Enter a label.';
  });
  return e;
}

/** The PUT body: positions 1..n in the order shown, trimmed labels. */
export const keysBody = (keys: AttachedDataKeyDef[]): AttachedDataKeyDef[] =>
  keys.map((k, i) => ({ position: i + 1, name: k.name.trim(), label: k.label.trim() }));
