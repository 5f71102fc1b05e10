import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { rootLogger } from './logger.ts';
import { WorkerBinaryMissingError } from './media/worker-pool.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  rootLogger.level = config.logLevel;
  const app = await startApp(config, rootLogger);
  rootLogger.info(
    { url: app.url, mode: config.mode, devRooms: config.devRooms, workers: app.pool.size, mediasoup: app.pool.mediasoupVersion },
    `Mediation Room is listening on ${app.url}`,
  );
  if (config.devRooms) rootLogger.info(`Development call page: ${app.url}/dev`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    rootLogger.info({ signal }, 'shutting down');
    // A stuck close must not keep the process alive past the grace period.
    const timer = setTimeout(() => {
      rootLogger.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    app.close().then(
      () => {
        rootLogger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        rootLogger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof WorkerBinaryMissingError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    rootLogger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
