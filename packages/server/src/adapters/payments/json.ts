/** JSON.parse that answers undefined instead of throwing on input a stranger sent. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
