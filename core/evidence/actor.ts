import { hostname, userInfo } from 'node:os';

/** Who ran the tool: recorded in every log entry and IPE. */
export interface Actor {
  osUser: string;
  host: string;
}

export function currentActor(): Actor {
  let osUser = process.env.USER ?? 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (containers): keep $USER
  }
  return { osUser, host: hostname() };
}
