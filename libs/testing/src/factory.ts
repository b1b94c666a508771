/**
 * A builder of test records: every call gives a new, valid, distinct record (a sequence number
 * keeps unique fields unique), and a test names only the fields it cares about.
 */
export interface Factory<T extends object> {
  build(overrides?: Partial<T>): T;
  buildList(count: number, overrides?: Partial<T>): T[];
}

export function defineFactory<T extends object>(defaults: (sequence: number) => T): Factory<T> {
  let sequence = 0;
  const build = (overrides: Partial<T> = {}): T => {
    sequence += 1;
    return { ...defaults(sequence), ...overrides };
  };
  return {
    build,
    buildList: (count, overrides) => Array.from({ length: count }, () => build(overrides)),
  };
}
