import {expect, fixture, html} from '@open-wc/testing';
import './index.js';
import type {ConsultChat} from './consult-chat.js';

describe('<consult-chat>', () => {
  it('renders its launcher inside a shadow root', async () => {
    const el = await fixture<ConsultChat>(html`<consult-chat site="site_pk_test"></consult-chat>`);
    expect(el.shadowRoot).to.exist;
    const launcher = el.shadowRoot!.querySelector('[part="launcher"]');
    expect(launcher).to.be.instanceOf(HTMLButtonElement);
    expect(el.site).to.equal('site_pk_test');
  });
});
