// Reads configuration, starts the backend and stops it cleanly on SIGTERM/SIGINT.
import {ConfigError, loadConfig} from './config.js';
import {createLogger} from './logger.js';
import {startBackend, stopOnSignals} from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config);
  const backend = await startBackend(config, {logger});
  logger.info({url: backend.url}, 'backend listening');
  process.send?.({type: 'ready', url: backend.url, port: backend.port});

  stopOnSignals(backend, logger);
}

main().catch((err) => {
  console.error('backend failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
