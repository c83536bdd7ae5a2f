import { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { createRuntime } from '../../main.ts';
import { handleInboundEmail, type InboundResult } from '../../modules/email-inbound/index.ts';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** sysexits.h EX_TEMPFAIL: Postfix, Exim and fetchmail keep the message and try again later. */
const TEMPFAIL = 75;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    // A message this large is no report; what was read is enough to say so.
    if (size > MAX_MESSAGE_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Hands the message to a running server, which holds the embedded database. */
async function postToServer(url: string, secret: string | undefined, message: Buffer): Promise<InboundResult> {
  if (!secret) throw new Error('EMAIL_INBOUND_SECRET must be set to post to a server');
  const response = await fetch(new URL('/api/email/inbound', url), {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${secret}` },
    body: new Uint8Array(message),
  });
  if (!response.ok) throw new Error(`the server answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as InboundResult;
}

export const mailInCommand = () =>
  new Command('mail-in')
    .description('handle one email read from standard input: a bounce notice, complaint report or mailto: unsubscribe')
    .option('--url <url>', 'post it to the server at this address instead of opening the database')
    .addHelpText(
      'after',
      '\nMeant for a mail server pipe (Postfix pipe(8), Exim, fetchmail --mda): commonweal mail-in < message.eml\n' +
        'Prints what was done as JSON. Exit status: 0 when the message was handled or ignored (a message\n' +
        'that is not a report or unsubscribe is ignored, and says why); 75 (EX_TEMPFAIL) when the configuration\n' +
        'is wrong or the database or server cannot be reached, so the mail server keeps it and tries again.\n' +
        'With the embedded database the running server holds DATA_DIR: use --url http://127.0.0.1:PORT and\n' +
        'set EMAIL_INBOUND_SECRET for both. See docs/email.md.',
    )
    .action(async (options: { url?: string }) => {
      const message = await readStdin();
      let result: InboundResult;
      // Every failure, a bad configuration included, leaves the message with the mail server to try again.
      try {
        const config = loadConfig();
        if (options.url) {
          result = await postToServer(options.url, config.EMAIL_INBOUND_SECRET, message);
        } else {
          const runtime = await createRuntime(config);
          try {
            result = await handleInboundEmail(runtime.deps, message);
          } finally {
            await runtime.close();
          }
        }
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        console.error(`mail-in: ${error instanceof Error ? error.message : String(error)}${cause}`);
        process.exitCode = TEMPFAIL;
        return;
      }
      console.log(JSON.stringify(result));
    });
