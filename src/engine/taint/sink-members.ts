import type { PathMatcher } from './access-path.js';
import type { Value } from './value.js';
import { EMPTY, join } from './value.js';

/**
 * The part of a sink argument that does harm: for a property sink (`Argument[1].Member[Location]`) the
 * named members, read with `read` so parameter objects give parameter paths; otherwise the argument.
 */
export function sinkMembers(arg: Value, members: readonly PathMatcher[], read: (obj: Value, name: string | undefined) => Value): Value {
  let cur = arg;
  for (const m of members) {
    if (m.kind !== 'Member') return EMPTY;
    if (!m.names) {
      cur = read(cur, undefined);
      continue;
    }
    // A known field is read alone: `{ Location: '/login', Other: x }` must not fall back to the object's taint
    // for the other spellings (`location`, `LOCATION`) of the same field.
    const obj = cur;
    const known = [...m.names].filter((name) => obj.props?.has(name));
    let next = EMPTY;
    for (const name of known.length > 0 ? known : m.names) next = join(next, read(obj, name));
    cur = next;
  }
  return cur;
}

/** Whether a constant value satisfies a `oneOf` sink condition (case-insensitive, like header names). */
export function isOneOf(v: Value | undefined, oneOf: readonly string[]): boolean {
  const text = v?.str?.toLowerCase();
  return text !== undefined && oneOf.some((s) => s.toLowerCase() === text);
}
