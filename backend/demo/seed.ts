// The development seed: one demo firm whose allowlist covers the demo pages, and one lawyer.
import type {Config} from '../config.js';
import {devSecret} from '../config.js';
import type {Services} from '../services/index.js';

export const DEMO_SITE_KEY = 'site_pk_demo_harborvale';
export const DEMO_LAWYER_EMAIL = 'anna@harborvale.example';

export interface DemoSeed {
  siteKey: string;
  identitySecret: string;
  firmId: string;
  lawyer: {email: string; password: string};
}

/** Idempotent: a second start updates the allowlist (the port may differ) and reuses the rest. */
export async function seedDemo(services: Services, config: Config, port: number): Promise<DemoSeed> {
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, new URL(config.PUBLIC_URL).origin];
  const password = devSecret(config.DATA_DIR, 'demoLawyerPassword');
  let firm = await services.firms.findBySiteKey(DEMO_SITE_KEY);
  if (!firm) {
    ({firm} = await services.firms.createFirm(
      {
        name: 'Harbor & Vale Immigration Law',
        allowedOrigins: origins,
        accent: '#1d4f6e',
        greeting: 'Hello! Ask us about visas, residence permits or citizenship. A lawyer usually answers within minutes.',
        timeZone: 'Europe/Paris',
        prechat: {enabled: false, requireEmail: false, topics: ['Work visa', 'Family reunification', 'Citizenship', 'Other']},
      },
      {siteKey: DEMO_SITE_KEY, identitySecret: devSecret(config.DATA_DIR, 'demoIdentitySecret')},
    ));
  } else {
    await services.firms.setAllowedOrigins(String(firm._id), [...new Set([...firm.allowedOrigins, ...origins])]);
  }
  const firmId = String(firm._id);
  if (!(await services.models.Lawyer.exists({email: DEMO_LAWYER_EMAIL}))) {
    await services.firms.createLawyer({firmId, name: 'Anna Moreau', email: DEMO_LAWYER_EMAIL, password, role: 'owner', timeZone: 'Europe/Paris'});
  }
  return {siteKey: DEMO_SITE_KEY, identitySecret: firm.identitySecret, firmId, lawyer: {email: DEMO_LAWYER_EMAIL, password}};
}
