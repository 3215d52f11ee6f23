import { AppError } from '../core/api';

/** The leading words of argv (skipping global flags before them) and their positions. */
export function commandWords(argv: string[]): { words: string[]; indexes: number[] } {
  const words: string[] = [];
  const indexes: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--home')
      i++; // its value is not a command word
    else if (a.startsWith('-')) {
      if (words.length > 0) break;
    } else {
      words.push(a);
      indexes.push(i);
      if (words.length === 2) break;
    }
  }
  return { words, indexes };
}

/** The --home value (`--home DIR` or `--home=DIR`); an empty one is refused rather than meaning the current folder. */
export function homeOf(argv: string[]): string | undefined {
  let home: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--home') home = argv[i + 1];
    else if (a.startsWith('--home=')) home = a.slice('--home='.length);
  });
  if (home !== undefined && home.trim() === '') throw new AppError('BAD_INPUT', '--home needs a folder path; it was empty.');
  return home;
}
