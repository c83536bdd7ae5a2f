import { Command } from 'commander';
import { defaultStateDir, formatOutcome, verifyOutcome } from '../../modules/ledger-verify/index.ts';
import { auditCommand } from './ledger-audit.ts';

interface VerifyFlags {
  key?: string;
  witness: string[];
  state: string;
  full?: boolean;
  json?: boolean;
}

const verifyAction = async (url: string, options: VerifyFlags) => {
  const outcome = await verifyOutcome({
    url,
    key: options.key,
    witnesses: options.witness,
    stateDir: options.state,
    full: options.full,
    warn: (message) => console.error(message),
  });
  if (options.json) console.log(JSON.stringify(outcome, null, 2));
  else if (outcome.ok) console.log(formatOutcome(outcome));
  else console.error(formatOutcome(outcome));
  process.exitCode = outcome.ok ? 0 : outcome.error.exitCode;
};

export const ledgerCommand = () => {
  const ledger = new Command('ledger').description('transparency log tools');
  ledger
    .command('verify')
    .description('audit a remote or local log: signatures, tree, consistency with the last seen checkpoint')
    .argument('<url>', 'the log URL, for example https://ngo.example/ledger, or file:///path/to/tiles')
    .option('--key <vkey>', "the log's verifier key (name+keyid+base64); default: the one remembered for the log")
    .option(
      '--witness <vkey>',
      "require a cosignature by this witness's key (repeat for several)",
      (vkey: string, all: string[]) => [...all, vkey],
      [] as string[],
    )
    .option('--state <dir>', 'where the keys and checkpoints seen are remembered', defaultStateDir())
    .option('--full', 'fetch and recompute everything again, not only what is new since the last run')
    .option('--json', 'print a machine-readable report')
    .addHelpText('after', '\nExit codes: 0 verified; docs/ledger-verify.md lists one code per kind of failure.')
    .action(verifyAction);
  ledger.addCommand(auditCommand());
  return ledger;
};
