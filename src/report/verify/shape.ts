/**
 * A tiny structural checker for JSON read from an untrusted file: each validator records what is
 * wrong and where (`captures[2].entrySeq: expected an integer, found "x"`), so a damaged manifest
 * is reported precisely instead of crashing the verifier somewhere later.
 */
export type Validator = (value: unknown, path: string, problems: string[]) => void;

const show = (v: unknown): string => {
  const text = JSON.stringify(v);
  return text === undefined ? String(v) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const expect =
  (ok: (v: unknown) => boolean, what: string): Validator =>
  (v, path, problems) => {
    if (!ok(v)) problems.push(`${path}: expected ${what}, found ${show(v)}`);
  };

export const str = expect((v) => typeof v === 'string', 'a string');
export const int = expect((v) => Number.isSafeInteger(v), 'an integer');
export const hex64 = expect((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), 'a SHA-256 in lower-case hex');
export const any: Validator = () => undefined;

export function literal(...values: readonly unknown[]): Validator {
  return expect((v) => values.includes(v), values.map((x) => JSON.stringify(x)).join(' or '));
}

export function nullable(inner: Validator): Validator {
  return (v, path, problems) => {
    if (v !== null) inner(v, path, problems);
  };
}

export function optional(inner: Validator): Validator {
  return (v, path, problems) => {
    if (v !== undefined) inner(v, path, problems);
  };
}

export function array(item: Validator): Validator {
  return (v, path, problems) => {
    if (!Array.isArray(v)) return void problems.push(`${path}: expected a list, found ${show(v)}`);
    v.forEach((x, i) => item(x, `${path}[${i}]`, problems));
  };
}

export function record(item: Validator): Validator {
  return (v, path, problems) => {
    if (!isObject(v)) return void problems.push(`${path}: expected an object, found ${show(v)}`);
    for (const [k, x] of Object.entries(v)) item(x, `${path}.${k}`, problems);
  };
}

export function object(fields: Readonly<Record<string, Validator>>): Validator {
  return (v, path, problems) => {
    if (!isObject(v)) return void problems.push(`${path}: expected an object, found ${show(v)}`);
    for (const [k, check] of Object.entries(fields)) check(v[k], path === '' ? k : `${path}.${k}`, problems);
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
