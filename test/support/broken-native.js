// Loaded with `node --import` by test/cli/refusal.test.ts. better-sqlite3's binary is swapped for
// the file named by BROKEN_NATIVE_FILE, which is no shared library, so the operating system's
// loader refuses it as it refuses a binary built for another system or a damaged install.
const dlopen = process.dlopen;
process.dlopen = (module, filename, ...rest) => dlopen(module, /better[-_]sqlite3/.test(filename) ? process.env.BROKEN_NATIVE_FILE : filename, ...rest);
