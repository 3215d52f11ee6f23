import { AppError } from '../util/errors';
import type { Collector } from './types';

/** Source types → collectors. Each collector issue adds its entry here. */
const collectors = new Map<string, Collector<never>>();

export function registerCollector<C>(collector: Collector<C>): void {
  collectors.set(collector.type, collector as unknown as Collector<never>);
}

export function getCollector(type: string): Collector<unknown> {
  const c = collectors.get(type);
  if (!c) {
    throw new AppError('UNSUPPORTED', `Unknown source type "${type}". Supported: ${[...collectors.keys()].join(', ') || 'none yet'}.`);
  }
  return c as unknown as Collector<unknown>;
}

export function collectorTypes(): string[] {
  return [...collectors.keys()];
}
