import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSettings, writeSettings } from '../../src/app/settings.js';
import { startTestUi, type TestUi } from '../support/ui.js';

// The timestamp setting from the page: a preset or none, written beside the archive with the other
// settings left as they are; a URL set with `chatproof config` is kept, never replaced by a typed one.
const json = (o: Record<string, string>): string => JSON.stringify(o);

let t: TestUi;
beforeAll(async () => {
  t = await startTestUi({ lang: 'en' });
});
afterAll(async () => {
  await t.close();
});

it('sets a preset, keeps the other settings, and takes it away again', async () => {
  expect((await t.get('/settings')).text).toContain('No timestamp authority is set');
  writeSettings(t.settingsFile, { tsaCert: '/certs/ca.pem', watch: ['/home/me/Downloads'] });
  const set = await t.post('/settings/tsa', json({ tsa: 'digicert' }), 'application/json');
  expect(set.text).toContain('Each capture (import, watched folder, Chatwork) is stamped by digicert.');
  expect(set.text).toContain('<option value="digicert"  selected>');
  expect(readSettings(t.settingsFile)).toEqual({ tsa: 'digicert', tsaCert: '/certs/ca.pem', watch: ['/home/me/Downloads'] });
  const off = await t.post('/settings/tsa', json({ tsa: '' }), 'application/json');
  expect(off.text).toContain('No timestamp authority is set');
  expect(readSettings(t.settingsFile)).toEqual({ tsaCert: '/certs/ca.pem', watch: ['/home/me/Downloads'] });
});

it('drops a certificate set for the TSA it replaces, and says so on the page', async () => {
  writeSettings(t.settingsFile, { tsa: 'freetsa', tsaCert: '/certs/freetsa-ca.pem' });
  const set = await t.post('/settings/tsa', json({ tsa: 'digicert' }), 'application/json');
  expect(set.text).toContain('The certificate /certs/freetsa-ca.pem was set for the previous timestamp authority (freetsa)');
  expect(readSettings(t.settingsFile)).toEqual({ tsa: 'digicert' });
});

it('keeps a TSA URL set with chatproof config, and refuses one typed into the request', async () => {
  writeSettings(t.settingsFile, { tsa: 'https://tsa.example.com/tsr' });
  const page = (await t.get('/settings')).text;
  expect(page).toContain('<option value="https://tsa.example.com/tsr" selected>');
  expect((await t.post('/settings/tsa', json({ tsa: 'https://tsa.example.com/tsr' }), 'application/json')).status).toBe(200);
  const refused = await t.post('/settings/tsa', json({ tsa: 'http://evil.example/tsr' }), 'application/json');
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('is not one of the timestamp authorities offered here');
  // What to do instead: another TSA is set with config, where its certificate goes too.
  expect(refused.text).toContain('set the URL of another one with chatproof config set tsa URL');
  expect(readSettings(t.settingsFile)).toEqual({ tsa: 'https://tsa.example.com/tsr' });
});
