/** Compares two JSON bodies: same keys everywhere (shape), and counts the values that differ. */

function kind(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Paths where the shapes differ: missing or extra keys, arrays of other lengths. */
export function shapeDifferences(left, right, path = '$', out = []) {
  const [a, b] = [kind(left), kind(right)];
  if (a === 'null' || b === 'null') return out;
  if (a !== b) {
    out.push(`${path}: ${a} vs ${b}`);
  } else if (a === 'array') {
    if (left.length !== right.length) out.push(`${path}: ${left.length} vs ${right.length} items`);
    for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
      shapeDifferences(left[i], right[i], `${path}[${i}]`, out);
    }
  } else if (a === 'object') {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      if (!(key in left)) out.push(`${path}.${key}: only in the raw limit`);
      else if (!(key in right)) out.push(`${path}.${key}: only in Relais`);
      else shapeDifferences(left[key], right[key], `${path}.${key}`, out);
    }
  }
  return out;
}

/** Leaf values that differ (null against a value included), as paths. */
export function valueDifferences(left, right, path = '$', out = []) {
  const [a, b] = [kind(left), kind(right)];
  if (a !== b) {
    out.push(path);
  } else if (a === 'array') {
    for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
      valueDifferences(left[i], right[i], `${path}[${i}]`, out);
    }
  } else if (a === 'object') {
    for (const key of Object.keys(left)) {
      if (key in right) valueDifferences(left[key], right[key], `${path}.${key}`, out);
    }
  } else if (left !== right) {
    out.push(path);
  }
  return out;
}
