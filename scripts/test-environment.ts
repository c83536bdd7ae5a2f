import { existsSync } from 'node:fs';

// Runs once before the suites: says plainly which optional suites are skipped and why.
export default function reportTestEnvironment(): void {
  // Each vitest project runs global setup; say it once.
  if (process.env.COMMONWEAL_TEST_ENV_REPORTED) return;
  process.env.COMMONWEAL_TEST_ENV_REPORTED = '1';
  const notes: string[] = [];
  if (!process.env.TEST_DATABASE_URL) {
    notes.push(
      'PostgreSQL suite SKIPPED: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run the API tests on PostgreSQL too.',
    );
  } else {
    notes.push(`PostgreSQL suite: running against ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}`);
  }
  if (!existsSync('/usr/bin/chromium')) {
    notes.push('Browser suite SKIPPED: Chromium is not installed (apt-get install -y chromium fonts-noto-cjk).');
  } else {
    notes.push('Browser suite: running in /usr/bin/chromium');
  }
  if (!existsSync('/usr/sbin/smtp-sink')) {
    notes.push(
      'SMTP suite SKIPPED: smtp-sink is not installed (DEBIAN_FRONTEND=noninteractive apt-get install -y postfix).',
    );
  } else {
    notes.push('SMTP suite: running against /usr/sbin/smtp-sink');
  }
  console.log(`\n${notes.map((n) => `  ${n}`).join('\n')}\n`);
}
