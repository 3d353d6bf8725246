import type { TtlvItem } from "../../ttlv/item.js";
import type { Attr } from "./attribute.js";

/**
 * Ordered attribute instances of one object, with the small set of edits KMIP needs. It
 * remembers which attribute names its edits touched, so that saving the object can skip
 * work for attributes nothing changed (the store's attribute index).
 */
export class AttributeList {
  private readonly items: Attr[];
  readonly #touched = new Set<string>();

  constructor(items: readonly Attr[] = []) {
    this.items = [...items];
  }

  all(): readonly Attr[] {
    return this.items;
  }

  get(name: string): TtlvItem | undefined {
    for (const a of this.items) if (a.name === name) return a.value;
    return undefined;
  }

  getAll(name: string): TtlvItem[] {
    const out: TtlvItem[] = [];
    for (const a of this.items) if (a.name === name) out.push(a.value);
    return out;
  }

  /** Names of the attributes set, added, removed or replaced through this list since it was made. */
  touched(): ReadonlySet<string> {
    return this.#touched;
  }

  has(name: string): boolean {
    return this.items.some((a) => a.name === name);
  }

  /** Replaces every instance of `name` with the one value, keeping the attribute's place when it had one. */
  set(name: string, value: TtlvItem): void {
    this.#touched.add(name);
    const at = this.items.findIndex((a) => a.name === name);
    if (at < 0) {
      this.items.push({ name, value });
      return;
    }
    this.remove(name);
    this.items.splice(at, 0, { name, value });
  }

  add(name: string, value: TtlvItem): void {
    this.#touched.add(name);
    this.items.push({ name, value });
  }

  /** Removes all instances, or the one at `index` (0-based among instances of `name`). Returns how many went. */
  remove(name: string, index?: number): number {
    let seen = 0;
    let removed = 0;
    for (let i = 0; i < this.items.length; i++) {
      const a = this.items[i]!;
      if (a.name !== name) continue;
      if (index === undefined || seen === index) {
        this.items.splice(i, 1);
        i--;
        removed++;
      }
      seen++;
    }
    if (removed > 0) this.#touched.add(name);
    return removed;
  }

  /** Replaces the instance at `index` among those named `name`; false if absent. */
  replaceAt(name: string, index: number, value: TtlvItem): boolean {
    let seen = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (this.items[i]!.name !== name) continue;
      if (seen === index) {
        this.#touched.add(name);
        this.items[i] = { name, value };
        return true;
      }
      seen++;
    }
    return false;
  }

  /** A copy of the instances; its touched names start empty. */
  clone(): AttributeList {
    return new AttributeList(this.items);
  }
}
