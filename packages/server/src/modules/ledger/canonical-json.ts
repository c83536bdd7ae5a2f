import canonicalize from 'canonicalize';

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const SURROGATE = /[\uD800-\uDFFF]/;
const UNSUITABLE = Symbol('unsuitable');

/**
 * A copy of a plain JSON value with every object's keys inserted in sorted order, or UNSUITABLE when
 * JSON.stringify of such a copy would not be RFC 8785: a key that is an array index (JavaScript puts
 * those first, in numeric order), a surrogate in a string (the library rejects lone ones), a number
 * that is not finite, a toJSON method, or anything that is not JSON.
 */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return SURROGATE.test(value) ? UNSUITABLE : value;
    case 'number':
      return Number.isFinite(value) ? value : UNSUITABLE;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) {
          const copy = sortedCopy(item);
          if (copy === UNSUITABLE) return UNSUITABLE;
          items.push(copy);
        }
        return items;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) return UNSUITABLE;
      const record = value as Record<string, unknown>;
      // No prototype, so that a "__proto__" key is a key like any other.
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        if (ARRAY_INDEX.test(key) || SURROGATE.test(key)) return UNSUITABLE;
        const copy = sortedCopy(record[key]);
        if (copy === UNSUITABLE) return UNSUITABLE;
        out[key] = copy;
      }
      return out;
    }
    default:
      return UNSUITABLE;
  }
}

/**
 * RFC 8785 canonical JSON. The ledger's entries (plain objects of strings, integers and hex) take a fast
 * path, native JSON.stringify over a key-sorted copy, which is several times quicker than the
 * library's string building on the integrator's hot path; anything else is left to the library.
 * A property test holds the two to the same output.
 */
export function canonicalJson(value: unknown): string | undefined {
  const copy = sortedCopy(value);
  return copy === UNSUITABLE ? canonicalize(value) : JSON.stringify(copy);
}
