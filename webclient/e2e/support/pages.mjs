// Locators by role and accessible name, as a person (or a screen reader) finds things.
import { expectFocused } from './expect.mjs';

export const DEMO_PASSWORD = 'acme-demo';

export function loginPage(page) {
  return {
    heading: page.getByRole('heading', { name: 'Sign in' }),
    username: page.getByLabel('Username'),
    password: page.getByLabel('Password'),
    domain: page.getByLabel('Domain'),
    submit: page.getByRole('button', { name: /Sign in|Signing in/ }),
    error: page.locator('#login-error[role="alert"]'),
    notice: page.getByRole('status').filter({ hasText: /logged out|expired/i }),
  };
}

export function toolbar(page) {
  return {
    name: page.getByRole('heading', { level: 1 }),
    extension: page.getByTestId('extension'),
    agentNumber: page.getByTestId('agent-number'),
    state: page.getByTestId('agent-state'),
    ready: page.getByRole('button', { name: 'Ready', exact: true }),
    reason: page.getByLabel('Not Ready reason'),
    notReady: page.getByRole('button', { name: 'Not Ready', exact: true }),
    logout: page.getByRole('button', { name: 'Logout' }),
    alert: page.getByRole('alert'),
    connection: page.getByRole('status', { name: /Live updates/ }),
  };
}

/**
 * Logs in with the keyboard only: focus starts in Username, Tab moves on, Enter submits.
 * A remembered domain is replaced by selecting it first (Ctrl+A) and typing over it.
 */
export async function loginWithKeyboard(page, { username, password, domain }) {
  await expectFocused(page, 'login-username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expectFocused(page, 'login-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Tab');
  await expectFocused(page, 'login-domain');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(domain);
  await page.keyboard.press('Enter');
}

/** The supervisor page: queue tiles, the team table, the selected agent's panel. */
export function supervisorPage(page) {
  const row = (name) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
  const queue = (name) => page.getByRole('article', { name: `Queue ${name}` });
  return {
    heading: page.getByRole('heading', { level: 1 }),
    connection: page.getByRole('status', { name: /Live updates/ }),
    queue,
    queueFact: (name, fact) => queue(name).getByTestId(fact),
    row,
    state: (name) => row(name).getByTestId('team-state'),
    call: (name) => row(name).getByTestId('team-call'),
    browser: (name) => row(name).getByTestId('team-browser'),
    search: page.getByRole('searchbox', { name: 'Search' }),
    show: page.getByLabel('Show'),
    panelHeading: page.locator('#agent-panel-name'),
    panelReason: page.getByLabel('Not Ready reason'),
    makeReady: page.getByRole('button', { name: 'Make Ready' }),
    makeNotReady: page.getByRole('button', { name: 'Make Not Ready' }),
  };
}
