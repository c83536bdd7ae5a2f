import { Command } from 'commander';

export const backupCommand = () =>
  new Command('backup')
    .description('write a whole organization to one machine-readable file on standard output')
    .requiredOption('--org <slug>', 'organization slug')
    .action(() => {
      throw new Error('not implemented yet');
    });

export const restoreCommand = () =>
  new Command('restore')
    .description('restore an organization from a backup file into this instance')
    .argument('<file>', 'backup file')
    .action(() => {
      throw new Error('not implemented yet');
    });
