// A firm that asks only for consent (pre-chat form off): the widget shows no field, so accepting
// the notice must not be refused for a field the visitor was never shown.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {FIRM_ORIGIN, lawyerLogin, post, startChatFixture} from './chat-fixture.js';

const f = await startChatFixture();

test('consent without the pre-chat form: accepted with no name, stored with its version', async () => {
  const owner = await lawyerLogin(f);
  const saved = await post(`${f.url}/api/v1/settings`, {consent: {enabled: true, texts: {en: 'We keep what you write confidential.'}}}, {authorization: `Bearer ${owner.token}`, origin: f.url});
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const res = await post<{applicant: {consent: {version: number} | null}}>(`${f.url}/api/v1/widget/session`, {siteKey: f.siteKey, intake: true, consentVersion: 1, consentLang: 'en'}, {origin: FIRM_ORIGIN});
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.applicant.consent?.version, 1);
});
