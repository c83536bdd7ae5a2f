import { Command } from 'commander';
import { auditCommand } from './ledger-audit.ts';

// The transparency ledger is built in its own issue; these commands exist so the CLI surface is
// stable, and say so plainly instead of pretending to verify anything.
const notYet = () => {
  console.error('The transparency ledger is not part of this release yet; nothing was verified.');
  process.exit(3);
};

export const ledgerCommand = () => {
  const ledger = new Command('ledger').description('transparency log tools');
  ledger
    .command('verify')
    .description('audit a remote or local log: signatures, tree, consistency with the last seen checkpoint')
    .argument('<url>', 'the log URL, for example https://ngo.example/ledger')
    .action(notYet);
  ledger.addCommand(auditCommand());
  return ledger;
};
