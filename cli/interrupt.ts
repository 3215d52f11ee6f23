/**
 * Ctrl-C (SIGINT) and SIGTERM during long work become an AbortSignal the core honours (CallHooks.signal), so the
 * work can clean up and say what it kept, instead of dying with partial files. The listeners are one-shot: a
 * second Ctrl-C terminates at once, as usual (the next export then removes what was left).
 */
export class Interrupt {
  private readonly controller = new AbortController();
  private got: NodeJS.Signals | null = null;
  private readonly onSignal = (name: NodeJS.Signals) => {
    this.got = name;
    this.controller.abort(new Error(`interrupted by ${name}`));
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The shell's convention for a process ended by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
  get exitCode(): number {
    return this.got === 'SIGTERM' ? 143 : 130;
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
