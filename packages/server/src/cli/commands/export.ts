import { Command } from 'commander';

export const exportCommand = () => {
  const command = new Command('export').description('export data');
  command
    .command('contacts')
    .description('export contacts to standard output')
    .requiredOption('--org <slug>', 'organization slug')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .action(() => {
      throw new Error('not implemented yet');
    });
  return command;
};
