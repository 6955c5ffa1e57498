import type { Cell } from './program-model.js';
import type { Value } from './value.js';

type State = Map<Cell, Value>;

/**
 * `if (parts[i] === '__proto__') return; key = parts[i++]`: a guard on an element read through an index variable
 * holds for the next reads of that element while neither the array nor the index variable changes. The refined
 * element lives in the frame state under a fact cell of the (index, array) pair, so branches and loops carry it
 * like a variable; writing either variable (or `i++`) drops it, and a merge keeps it only where both sides hold it.
 */
export class ElementFacts {
  /** Index variable -> array variable -> fact cell. */
  private readonly cells = new WeakMap<Cell, Map<Cell, Cell>>();
  /** Variable -> the fact cells that stop holding when it is written. */
  private readonly dependents = new WeakMap<Cell, Cell[]>();
  private readonly facts = new WeakSet<Cell>();
  /** Some fact was recorded: merges and writes need to look at them. */
  private used = false;

  /** The refined value of `array[index]` in this state, if a guard on it still holds. */
  read(state: State, index: Cell, array: Cell): Value | undefined {
    const cell = this.cells.get(index)?.get(array);
    return cell ? state.get(cell) : undefined;
  }

  /** Record `array[index]` as `v` (already refined by the caller). */
  refine(state: State, index: Cell, array: Cell, v: Value): void {
    let byArray = this.cells.get(index);
    if (!byArray) this.cells.set(index, (byArray = new Map<Cell, Cell>()));
    let cell = byArray.get(array);
    if (!cell) {
      cell = { name: `${array.name}[${index.name}]`, joined: v };
      byArray.set(array, cell);
      this.facts.add(cell);
      for (const dep of [index, array]) {
        const list = this.dependents.get(dep);
        if (list) list.push(cell);
        else this.dependents.set(dep, [cell]);
      }
    }
    this.used = true;
    state.set(cell, v);
  }

  /** `variable` is written: the guards on elements read through it (or of it) no longer hold. */
  forget(state: State, variable: Cell): void {
    if (!this.used) return;
    for (const cell of this.dependents.get(variable) ?? []) state.delete(cell);
  }

  /** Drop from `merged` the facts that hold on one side only (`a` and `b` are the merged states). */
  keepCommon(merged: State, a: State, b: State): void {
    if (!this.used) return;
    for (const [cell] of merged) if (this.facts.has(cell) && !(a.has(cell) && b.has(cell))) merged.delete(cell);
  }
}
