/** The last domain (tenant) used to log in. Only the domain: never the password. */
export const DOMAIN_KEY = 'tandemcc.lastDomain';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function loadDomain(storage: KeyValueStorage | null = defaultStorage()): string {
  try {
    return storage?.getItem(DOMAIN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveDomain(domain: string, storage: KeyValueStorage | null = defaultStorage()): void {
  try {
    storage?.setItem(DOMAIN_KEY, domain);
  } catch {
    /* quota or privacy mode: remembering is a convenience only */
  }
}
