import type { Cell } from './program-model.js';
import type { Value } from './value.js';
import { EMPTY } from './value.js';

type State = Map<Cell, Value>;

/**
 * `if (parts[i] === '__proto__') return; key = parts[i++]`: a guard on an element read through an index variable
 * holds for the next reads of that element while neither the array nor the index variable changes. The refined
 * element lives in the frame state under a fact cell of the (index, array) pair, so branches and loops carry it
 * like a variable; writing either variable (or `i++`) drops it, and a merge keeps it only where both sides hold it.
 * A field read through a variable (`obj.length` after `Array.isArray(obj)`) is kept the same way, without
 * rewriting the object's value (which calls and summaries would then carry). An array changed in place by a
 * method (`parts.splice(i, 1, x)`) between the guard and the read is not noticed.
 */
export class ElementFacts {
  /** Index variable -> array variable -> fact cell; object variable -> field -> fact cell. */
  private readonly cells = new WeakMap<Cell, Map<Cell | string, Cell>>();
  /** Variable -> the fact cells that stop holding when it is written. */
  private readonly dependents = new WeakMap<Cell, Cell[]>();
  /** Every fact cell, in creation order (few: one per guarded element or field of the program). */
  private readonly facts: Cell[] = [];
  private readonly isFact = new WeakSet<Cell>();
  /** Fields some fact is about: other field reads skip the lookup. */
  private readonly fields = new Set<string>();

  /** The refined value of `array[index]` in this state, if a guard on it still holds. */
  read(state: State, index: Cell, array: Cell): Value | undefined {
    const cell = this.cells.get(index)?.get(array);
    return cell ? state.get(cell) : undefined;
  }

  /** Record `array[index]` as `v` (already refined by the caller). */
  refine(state: State, index: Cell, array: Cell, v: Value): void {
    state.set(this.factCell(index, array, `${array.name}[${index.name}]`, [index, array]), v);
  }

  /** Whether a fact may exist for reads of `field` (cheap test before looking the variable up). */
  hasField(field: string): boolean {
    return this.fields.has(field);
  }

  /** The refined value of `object.field` in this state, if a guard on it still holds. */
  readField(state: State, object: Cell, field: string): Value | undefined {
    const cell = this.cells.get(object)?.get(field);
    return cell ? state.get(cell) : undefined;
  }

  /** Record `object.field` as `v` (already refined by the caller). */
  refineField(state: State, object: Cell, field: string, v: Value): void {
    this.fields.add(field);
    state.set(this.factCell(object, field, `${object.name}.${field}`, [object]), v);
  }

  private factCell(owner: Cell, key: Cell | string, name: string, deps: readonly Cell[]): Cell {
    let byKey = this.cells.get(owner);
    if (!byKey) this.cells.set(owner, (byKey = new Map<Cell | string, Cell>()));
    let cell = byKey.get(key);
    if (!cell) {
      cell = { name, joined: EMPTY };
      byKey.set(key, cell);
      this.facts.push(cell);
      this.isFact.add(cell);
      for (const dep of deps) {
        const list = this.dependents.get(dep);
        if (list) list.push(cell);
        else this.dependents.set(dep, [cell]);
      }
    }
    return cell;
  }

  /** `variable` is written: the guards on elements read through it (or of it) no longer hold. */
  forget(state: State, variable: Cell): void {
    if (this.facts.length === 0) return;
    for (const cell of this.dependents.get(variable) ?? []) state.delete(cell);
  }

  /** Drop from `merged` the facts that hold on one side only (`a` and `b` are the merged states). */
  keepCommon(merged: State, a: State, b: State): void {
    if (this.facts.length === 0) return;
    const held = (cell: Cell): boolean => a.has(cell) && b.has(cell);
    if (this.facts.length < merged.size) {
      for (const cell of this.facts) if (merged.has(cell) && !held(cell)) merged.delete(cell);
    } else for (const [cell] of merged) if (this.isFact.has(cell) && !held(cell)) merged.delete(cell);
  }
}
