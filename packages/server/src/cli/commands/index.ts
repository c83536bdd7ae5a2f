import type { Command } from 'commander';
import { startCommand, migrateCommand, workerCommand } from './server.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { ledgerCommand } from './ledger.ts';
import { mailInCommand } from './mail-in.ts';

/** The stable CLI surface (docs and scripts rely on it). */
export function registerCommands(program: Command): void {
  program.addCommand(startCommand());
  program.addCommand(migrateCommand());
  program.addCommand(workerCommand());
  program.addCommand(importCommand());
  program.addCommand(exportCommand());
  program.addCommand(backupCommand());
  program.addCommand(restoreCommand());
  program.addCommand(ledgerCommand());
  program.addCommand(mailInCommand());
}
