// `npm run admin -- <command> [--flag value …]`: create firms and lawyer accounts.
import {parseArgs} from 'node:util';
import {Types} from 'mongoose';
import {loadConfig} from '../config.js';
import {createLogger} from '../logger.js';
import {connectDatabase, resolveDatabase} from '../server.js';
import {createServices, prepareIndexes} from '../services/index.js';
import {issueLines} from '../errors.js';

const USAGE = `usage:
  npm run admin -- create-firm --name "Firm" --origins https://firm.example,https://partner.example
                   [--accent "#1f4e79"] [--greeting "Hello"] [--time-zone Europe/Paris]
  npm run admin -- create-lawyer --firm <firm id or site key> --name "Name" --email a@b.c
                   --password <10+ chars> [--role owner|lawyer] [--time-zone Europe/Paris]
  npm run admin -- list-firms`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const {values} = parseArgs({
    args: rest,
    options: {
      name: {type: 'string'}, origins: {type: 'string'}, accent: {type: 'string'}, greeting: {type: 'string'},
      'time-zone': {type: 'string'}, firm: {type: 'string'}, email: {type: 'string'}, password: {type: 'string'}, role: {type: 'string'},
    },
    strict: true,
  });
  if (!command || !['create-firm', 'create-lawyer', 'list-firms'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig({...process.env, LOG_LEVEL: 'warn'});
  const logger = createLogger(config);
  const {uri, embedded} = await resolveDatabase(config, logger);
  const db = await connectDatabase(uri);
  try {
    const services = createServices({db, config, logger});
    // Every index (chat, consultations, outbox), without starting the email worker: the CLI exits.
    await prepareIndexes(services);
    if (command === 'create-firm') {
      const {firm, siteKey, identitySecret} = await services.firms.createFirm({
        name: values.name ?? '',
        allowedOrigins: (values.origins ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        accent: values.accent,
        greeting: values.greeting,
        timeZone: values['time-zone'],
      });
      console.log(`firm created: ${firm.name}\n  id:              ${firm._id}\n  site key:        ${siteKey}\n  identity secret: ${identitySecret}\n  allowed origins: ${firm.allowedOrigins.join(', ')}`);
      console.log(`\nsnippet:\n  <script src="${config.PUBLIC_URL}/consult-chat.js" defer></script>\n  <consult-chat site="${siteKey}"></consult-chat>`);
    } else if (command === 'create-lawyer') {
      const ref = values.firm ?? '';
      const firm = Types.ObjectId.isValid(ref) ? await services.models.Firm.findById(ref).lean() : await services.firms.findBySiteKey(ref);
      if (!firm) throw new Error(`no firm with id or site key "${ref}"`);
      const lawyer = await services.firms.createLawyer({
        firmId: String(firm._id), name: values.name ?? '', email: values.email ?? '', password: values.password ?? '',
        role: (values.role as 'owner' | 'lawyer' | undefined) ?? 'lawyer', timeZone: values['time-zone'],
      });
      console.log(`lawyer created: ${lawyer.name} <${lawyer.email}> (${lawyer.role}) in ${firm.name}`);
    } else {
      for (const f of await services.models.Firm.find().lean()) console.log(`${f._id}  ${f.siteKey}  ${f.name}  [${f.allowedOrigins.join(', ')}]`);
    }
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}

main().then((code) => process.exit(code), (err) => {
  const issues = (err as {issues?: {path: PropertyKey[]; message: string}[]}).issues;
  console.error(issues ? `invalid input:\n${issueLines(issues).map((l) => `  ${l}`).join('\n')}` : `error: ${(err as Error).message}`);
  process.exit(1);
});
