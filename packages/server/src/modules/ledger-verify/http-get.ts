// A bare GET over keep-alive agents. node:http costs a third of what fetch() does per request, and a
// log is thousands of tiles; it follows redirects (CDNs, object storage) and caps the answer's size.
import http from 'node:http';
import https from 'node:https';

/** Above the largest valid answer: an entry bundle of 256 entries of 65,535 bytes each. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
}

export const keepAliveAgents = (): HttpAgents => ({
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
});

interface Answer {
  status: number;
  location?: string;
  body: Uint8Array;
}

function getOnce(url: URL, agents: HttpAgents, timeoutMs: number): Promise<Answer> {
  const secure = url.protocol === 'https:';
  const get = secure ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: secure ? agents.https : agents.http, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) response.destroy(new Error(`the answer is larger than ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          body: new Uint8Array(Buffer.concat(chunks)),
        }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** GETs `url`, following up to 5 redirects; network failures reject. */
export async function httpGet(url: URL, agents: HttpAgents, timeoutMs: number): Promise<Answer> {
  let at = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const answer = await getOnce(at, agents, timeoutMs);
    if (!REDIRECT_STATUSES.has(answer.status) || !answer.location) return answer;
    at = new URL(answer.location, at);
    if (at.protocol !== 'http:' && at.protocol !== 'https:') throw new Error(`redirected to ${at.protocol}`);
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}
