/** A JSON value with the 1-based line of every object member, keyed by its JSON-pointer-like path. */
export interface LocatedJson {
  readonly value: unknown;
  /** Line of the member whose key path (keys joined with `\u0000`) is given. */
  lineOf(path: readonly string[]): number | undefined;
}

/** A JSON syntax error at a 1-based line. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(detail);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Parse JSON text and remember where each object member starts. Lockfile findings point at the
 * package entry, which `JSON.parse` cannot tell. Throws {@link JsonSyntaxError} with a line.
 */
export function parseJsonWithLines(text: string): LocatedJson {
  const lines = new Map<string, number>();
  let pos = 0;
  let line = 1;
  const fail = (detail: string): never => {
    throw new JsonSyntaxError(line, detail);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return;
      pos++;
    }
  };
  const parseString = (): string => {
    const start = pos + 1;
    let end = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(end);
      if (Number.isNaN(c)) fail('unterminated string');
      if (c === 10) fail('line break inside a string');
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        end++;
      }
      end++;
    }
    const raw = text.slice(start, end);
    pos = end + 1;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch (error: unknown) {
      return fail(`bad escape in string: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const parseValue = (path: string[]): unknown => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const obj: Record<string, unknown> = {};
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail(`expected a property name, found ${describe(text[pos])}`);
        const keyLine = line;
        const key = parseString();
        skipSpace();
        if (text[pos] !== ':') fail(`expected ':' after "${key}"`);
        pos++;
        const childPath = [...path, key];
        lines.set(childPath.join('\u0000'), keyLine);
        Object.defineProperty(obj, key, { value: parseValue(childPath), enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail(`expected ',' or '}', found ${describe(text[pos])}`);
      }
    }
    if (c === '[') {
      pos++;
      const arr: unknown[] = [];
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue([...path, String(arr.length)]));
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail(`expected ',' or ']', found ${describe(text[pos])}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 64));
    if (!literal) return fail(`unexpected ${describe(c)}`);
    pos += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  const value = parseValue([]);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${describe(text[pos])} after the end of the document`);
  return { value, lineOf: (path) => lines.get(path.join('\u0000')) };
}

function describe(c: string | undefined): string {
  return c === undefined ? 'end of file' : `'${c}'`;
}
