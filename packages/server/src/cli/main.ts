import { Command } from 'commander';
import { ConfigError } from '../config/config.ts';
import { DataDirLockedError } from '../db/open.ts';
import { registerCommands } from './commands/index.ts';

const program = new Command('commonweal')
  .description("Commonweal: a nonprofit's own supporter database, fundraising and transparency ledger")
  .showHelpAfterError();
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
