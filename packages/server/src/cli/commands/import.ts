import { Command } from 'commander';

export const importCommand = () => {
  const command = new Command('import').description('import data from files');
  command
    .command('contacts')
    .description('import contacts (and gifts) from CSV or XLSX; prints a JSON summary')
    .argument('<file>', 'CSV (UTF-8, UTF-8 with BOM, GB18030/GBK) or XLSX')
    .requiredOption('--org <slug>', 'organization slug')
    .option('--mapping <file>', 'JSON mapping of columns to fields')
    .option('--dry-run', 'validate and report without writing')
    .action(() => {
      throw new Error('not implemented yet');
    });
  return command;
};
