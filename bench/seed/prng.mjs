/**
 * A small seeded generator (mulberry32) and the draws the bench data needs. Same seed, same
 * sequence, on every machine: the whole data set, ids included, comes from it.
 */

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value) {
  return (
    HEX[value >>> 24] + HEX[(value >>> 16) & 0xff] + HEX[(value >>> 8) & 0xff] + HEX[value & 0xff]
  );
}

function hex16(value) {
  return HEX[(value >>> 8) & 0xff] + HEX[value & 0xff];
}

/** Mixes numbers into one 32-bit seed (a few rounds of murmur3's finalizer). */
export function mixSeed(...parts) {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

export class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** An unsigned 32-bit integer. */
  u32() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A number in [0, 1). */
  next() {
    return this.u32() / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability) {
    return this.next() < probability;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled(items) {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      const kept = copy[index];
      copy[index] = copy[other];
      copy[other] = kept;
    }
    return copy;
  }

  digits(count) {
    let out = '';
    for (let index = 0; index < count; index += 1) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A version 4 UUID drawn from the generator. */
  uuid() {
    const a = this.u32();
    const b = (this.u32() & 0xffff0fff) | 0x00004000;
    const c = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0;
    const d = this.u32();
    return `${hex32(a)}-${hex16(b >>> 16)}-${hex16(b)}-${hex16(c >>> 16)}-${hex16(c)}${hex32(d)}`;
  }
}

/**
 * Draws items by weight in O(log n): `new Weighted([[item, weight], ...])`, then `.draw(random)`.
 */
export class Weighted {
  constructor(entries) {
    this.items = entries.map(([item]) => item);
    this.bounds = [];
    let total = 0;
    for (const [, weight] of entries) {
      total += weight;
      this.bounds.push(total);
    }
    this.total = total;
  }

  draw(random) {
    const roll = random.next() * this.total;
    let low = 0;
    let high = this.bounds.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.bounds[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return this.items[low];
  }
}

/** Weights that fall like the frequencies of names: the first items are the most common. */
export function zipf(items, exponent = 0.75) {
  return new Weighted(items.map((item, rank) => [item, 1 / (rank + 1) ** exponent]));
}
