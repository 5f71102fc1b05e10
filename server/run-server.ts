// Reads the configuration, starts the app and owns the process signals (entered through main.ts).
import { startApp, type RunningApp } from './app.ts';
import { SecretsError } from './auth/secrets.ts';
import { assertStartable, ConfigError, loadConfig, type AppConfig } from './config.ts';
import { rootLogger } from './logger.ts';
import { WorkerBinaryMissingError } from './media/worker-pool.ts';
import { DEMO_PASSWORD } from './services/demo-seed.ts';

/** Said loudly, so a demo is never mistaken for an installation to put real cases in. */
function demoBanner(config: AppConfig, url: string): string {
  const exposed = config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1';
  return [
    '',
    '==================================================================',
    ` DEMO MODE — demo data, demo passwords ("${DEMO_PASSWORD}"), not for real cases.`,
    config.devRooms ? ` ${url}   development call page: ${url}/dev` : ` ${url}`,
    exposed ? ` HOST=${config.host}: this demo is reachable from the network.` : ' Bound to this machine only (set HOST to open it to the network).',
    ' For real cases run APP_MODE=production (see README, "Production").',
    '==================================================================',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  assertStartable(config);
  rootLogger.level = config.logLevel;
  let app: RunningApp | undefined;
  let stopping = false;
  const stop = async (reason: string, exitCode: number, { drain = false } = {}) => {
    if (stopping) return;
    stopping = true;
    rootLogger.info({ reason }, 'shutting down');
    // One of several instances lets its rooms end first (no new ones come here meanwhile).
    if (drain && app && config.cluster) await app.drain(config.cluster.drainMaxMs).catch((error: unknown) => rootLogger.warn({ err: error }, 'draining failed'));
    // A stuck close must not keep the process alive past the grace period.
    const timer = setTimeout(() => {
      rootLogger.error('shutdown grace period passed; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    timer.unref();
    (app?.close() ?? Promise.resolve()).then(
      () => {
        rootLogger.info('stopped cleanly');
        process.exit(exitCode);
      },
      (error: unknown) => {
        rootLogger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  // After an error nobody caught, this process's state is unknown: log it, close what can be closed
  // (media workers, the data-dir lock, Redis) within the grace period, and exit non-zero so the
  // supervisor (systemd, Docker) starts a clean process. Carrying on could serve half-broken rooms.
  process.on('uncaughtException', (error) => {
    rootLogger.fatal({ err: error }, 'uncaught exception');
    void stop('uncaughtException', 1);
  });
  process.on('unhandledRejection', (reason) => {
    rootLogger.fatal({ err: reason }, 'unhandled promise rejection');
    void stop('unhandledRejection', 1);
  });
  process.on('SIGTERM', () => void stop('SIGTERM', 0, { drain: true }));
  process.on('SIGINT', () => void stop('SIGINT', 0));

  app = await startApp(config, rootLogger);
  rootLogger.info(
    { url: app.url, host: config.host, mode: config.mode, devRooms: config.devRooms, workers: app.pool.size, mediasoup: app.pool.mediasoupVersion },
    `Mediation Room is listening on ${app.url}`,
  );
  if (config.mode === 'demo') process.stdout.write(demoBanner(config, app.url));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SecretsError || error instanceof WorkerBinaryMissingError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    rootLogger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
