// `npm start`: install what is missing, build the widgets, start the database and the backend,
// seed the demo firm and lawyer, and print where everything is.
import {loadConfig, ConfigError} from '../backend/config.js';
import {createLogger} from '../backend/logger.js';
import {startBackend, stopOnSignals} from '../backend/server.js';
import {seedDemo} from '../backend/demo/seed.js';
import {buildWidgets, ensureDatabase} from './setup.js';

try {
  const config = loadConfig();
  ensureDatabase();
  buildWidgets();
  const logger = createLogger({LOG_LEVEL: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn'});
  const backend = await startBackend(config, {logger});
  stopOnSignals(backend, logger);
  const demo = await seedDemo(backend.services, config, backend.port);
  const base = config.PUBLIC_URL;
  // The partner page must be opened on the other name for the same server: a second origin.
  const other = `http://${new URL(base).hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${backend.port}`;
  console.log(`
Consult Chat is running (${backend.embeddedDb ? `embedded ${backend.embeddedDb.engine}` : 'MONGODB_URI'}).

  Demo law-firm site   ${base}/demo/
  Partner page         ${other}/demo/partner.html   (cross-origin embed, signed-in applicant)
  Lawyer console       ${base}/console/
  Embed instructions   ${base}/demo/embed
  Dev mailbox          ${base}/dev/mail   (emails are captured while RESEND_API_KEY is unset)
  Widget scripts       ${base}/consult-chat.js  ${base}/consult-inbox.js
  Health / readiness   ${base}/healthz  ${base}/readyz

  Demo site key        ${demo.siteKey}
  Demo lawyer login    ${demo.lawyer.email} / ${demo.lawyer.password}

Press Ctrl-C to stop (the database stops with it).
`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `npm start failed: ${(err as Error).message}`);
  process.exit(1);
}
