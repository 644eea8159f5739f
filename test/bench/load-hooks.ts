/**
 * Module hooks (run in Node's hooks thread): log every URL an ESM `import` resolves to, so the
 * bench can name the packages `chatproof --help` loads. Registered by load-log.ts.
 */
import { appendFileSync } from 'node:fs';
import type { InitializeHook, ResolveHook } from 'node:module';

let logFile = '';

export const initialize: InitializeHook<{ logFile: string }> = (data) => {
  logFile = data.logFile;
};

export const resolve: ResolveHook = async (specifier, context, next) => {
  const out = await next(specifier, context);
  // `url <- parent`: the parent says which of our modules pulled a package in.
  appendFileSync(logFile, `${out.url} <- ${context.parentURL ?? ''}\n`);
  return out;
};
