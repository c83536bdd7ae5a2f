import { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import { createRuntime, startServer } from '../../main.ts';
import { DEMO_CAMPAIGN, DEMO_SLUG, ensureDemo } from '../../demo/index.ts';

export const startCommand = () =>
  new Command('start')
    .description('run the server with in-process job workers (seeds the demo organization on first start)')
    .option('--no-demo', 'do not create the demo organization')
    .action(async (options: { demo: boolean }) => {
      const config = loadConfig();
      const demo = options.demo && config.DEMO;
      await startServer(config, {
        demo,
        onListening: async (app, deps) => {
          const welcome = demo ? await ensureDemo(deps, app.log) : undefined;
          const url = `${config.PUBLIC_URL}/admin`;
          const lines = [
            '',
            `  Commonweal is running: ${url}`,
            `  API docs: ${config.PUBLIC_URL}/api/docs`,
            `  Database: ${config.DATABASE_URL ? 'PostgreSQL' : `embedded (${config.DATA_DIR})`}`,
            ...(welcome ? [`  Demo sign-in: ${welcome.email} / ${welcome.password}`] : []),
            ...(welcome ? [`  Demo giving page: ${config.PUBLIC_URL}/c/${DEMO_SLUG}/${DEMO_CAMPAIGN}`] : []),
            ...(welcome?.trackingCode
              ? [`  Demo gift tracking page: ${config.PUBLIC_URL}/t/${welcome.trackingCode}`]
              : []),
            '',
          ];
          console.log(lines.join('\n'));
        },
      });
    });

export const migrateCommand = () =>
  new Command('migrate').description('apply database migrations').action(async () => {
    const database = await openDatabase(loadConfig());
    try {
      await migrateDatabase(database);
      console.log('Migrations applied.');
    } finally {
      await database.close();
    }
  });

export const workerCommand = () =>
  new Command('worker')
    .description('run job workers only (scale out beside API servers; needs DATABASE_URL)')
    .action(async () => {
      const config = loadConfig();
      const runtime = await createRuntime(config);
      await runtime.startWorkers();
      console.log('Workers running. Press Ctrl+C to stop.');
      const stop = async () => {
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
