/**
 * How many arrays and objects JSON from outside may hold. A 90 MB file of `[],[],…` is 30 million containers:
 * JSON.parse alone took 66 s and 2.8 GB of memory for it (measured), enough to freeze or kill the app, yet it is
 * under the import size limit. Real exports hold far fewer (100,000 MLflow model versions with tags are about
 * 500,000; a large GAAD a few hundred thousand), so 2 million leaves ample room.
 */
export const MAX_JSON_CONTAINERS = 2_000_000;

/**
 * Counts `[` and `{` outside strings, before parsing, and stops as soon as the count passes `limit`: a linear
 * scan of the text (no allocation), so a bomb is refused in well under a second instead of being parsed.
 */
export function tooManyContainers(text: string, limit = MAX_JSON_CONTAINERS): boolean {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if ((c === 0x5b || c === 0x7b) && ++count > limit) return true;
  }
  return false;
}

export function tooManyContainersMessage(name: string, limit = MAX_JSON_CONTAINERS): string {
  return `${name} holds more than ${limit} JSON arrays and objects (a JSON bomb?)`;
}
