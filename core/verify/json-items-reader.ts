type Sink = 'skeleton' | 'element' | 'drop';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MAX_KEY = 64; // longer depth-1 strings cannot be the array's key; their bytes are not kept

/**
 * Reads a JSON object whose one large member is an array (`"items":[…]` in manifest.json and log/proofs.json) from
 * chunks as they are inflated, handing out each element's text as soon as it is complete: memory holds one
 * element and the rest of the object (the "skeleton", with `[]` where the elements were), never the whole file.
 *
 * It only finds boundaries — strings (with escapes), nesting, commas — and leaves every judgement to JSON.parse:
 * the document is valid JSON exactly when the skeleton and every element parse and single commas separate the
 * elements. What it does not expect makes it give up (`failed`); the caller then reads the file the ordinary way,
 * so an odd document is judged exactly as before, only without the memory saving.
 */
export class JsonItemsReader {
  private skeleton: Buffer[] = [];
  private element: Buffer[] = [];
  private sink: Sink = 'skeleton';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private keyBytes: number[] | null = null;
  /** The last complete depth-1 string, and the key whose value is being read. */
  private lastString = '';
  private memberKey = '';
  private state: 'before' | 'in-array' | 'after' = 'before';
  private inElement = false;
  private expectElement = true;
  private count = 0;
  failed: string | null = null;
  /** Whitespace seen outside strings: such a document is not RFC 8785 canonical. */
  whitespace = false;

  constructor(
    private readonly arrayKey: string,
    private readonly onElement: (text: string, index: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    const switchTo = (at: number, sink: Sink) => {
      if (at > start && this.sink !== 'drop') (this.sink === 'skeleton' ? this.skeleton : this.element).push(chunk.subarray(start, at));
      start = at;
      this.sink = sink;
    };
    // Next quote and backslash at or after a position, found with indexOf and remembered: strings are most of these
    // files (proofs.json carries each log entry as an escaped string), and a byte-by-byte loop spent its time there.
    let quote = -2;
    let backslash = -2;
    const next = (byte: number, from: number, cached: number) => (cached !== -1 && cached < from ? chunk.indexOf(byte, from) : cached);
    for (let i = 0; i < chunk.length && !this.failed; i++) {
      if (this.inString && !this.keyBytes) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        quote = next(QUOTE, i, quote);
        backslash = next(BACKSLASH, i, backslash);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          i = backslash;
          this.escaped = true;
          continue;
        }
        if (quote === -1) break;
        i = quote;
        this.inString = false;
        if (this.inElement && this.depth === 2) this.endElement(i + 1, switchTo); // a string element
        continue;
      }
      const c = chunk[i]!;
      if (this.inString) {
        const key = this.keyBytes!;
        if (key.length <= MAX_KEY) key.push(c);
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          this.lastString = key.length <= MAX_KEY ? Buffer.from(key.slice(0, -1)).toString('utf8') : '';
          this.keyBytes = null;
          if (this.inElement && this.depth === 2) this.endElement(i + 1, switchTo); // a string element
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.whitespace = true;
        continue;
      }
      if (this.state === 'in-array' && this.depth === 2 && !this.inElement) {
        if (c === 0x2c) {
          if (this.expectElement) this.fail('an empty array element');
          this.expectElement = true;
          continue;
        }
        if (c === 0x5d) {
          if (this.expectElement && this.count > 0) this.fail('a trailing comma');
          switchTo(i, 'skeleton');
          this.state = 'after';
          this.depth = 1;
          continue;
        }
        if (!this.expectElement) {
          this.fail('a missing comma between elements');
          continue;
        }
        this.inElement = true;
        this.expectElement = false;
        switchTo(i, 'element');
      } else if (this.inElement && this.depth === 2 && (c === 0x2c || c === 0x5d)) {
        this.endElement(i, switchTo); // a number, true, false or null element ends here
        i -= 1; // and the separator is read again as the array's
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        this.keyBytes = this.depth === 1 ? [] : null;
      } else if (c === 0x3a) {
        if (this.depth === 1) {
          this.memberKey = this.lastString;
          if (this.state === 'after' && this.memberKey === this.arrayKey) this.fail(`a second "${this.arrayKey}" member`);
        }
      } else if (c === 0x7b || c === 0x5b) {
        this.depth += 1;
        if (c === 0x5b && this.depth === 2 && this.state === 'before' && this.memberKey === this.arrayKey) {
          this.state = 'in-array';
          this.expectElement = true;
          switchTo(i + 1, 'drop');
        }
      } else if (c === 0x7d || c === 0x5d) {
        this.depth -= 1;
        if (this.depth < 0) this.fail('unbalanced brackets');
        else if (this.inElement && this.depth === 2) this.endElement(i + 1, switchTo);
      } else if (c === 0x2c && this.depth === 1) {
        this.memberKey = '';
      }
    }
    if (this.failed) return;
    switchTo(chunk.length, this.sink);
  }

  private endElement(at: number, switchTo: (at: number, sink: Sink) => void): void {
    switchTo(at, 'drop');
    this.inElement = false;
    const text = (this.element.length === 1 ? this.element[0]! : Buffer.concat(this.element)).toString('utf8');
    this.element = [];
    this.onElement(text, this.count++);
  }

  private fail(reason: string): void {
    this.failed ??= reason;
    this.skeleton = [];
    this.element = [];
  }

  /** The object without its array's elements, once every chunk was pushed; null when the reader gave up. */
  end(): { skeleton: string; count: number } | null {
    if (!this.failed && (this.inString || this.inElement || this.depth !== 0)) this.fail('the document ends early');
    if (this.failed) return null;
    return { skeleton: Buffer.concat(this.skeleton).toString('utf8'), count: this.count };
  }
}
