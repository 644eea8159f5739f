import { UsageError } from '../core/errors.js';
import { msg } from '../i18n/message.js';

/**
 * `--tsa URL|NAME`: a few free public RFC 3161 services with long-published URLs, or any
 * http(s) URL. Presets are untested from the machine this was written on (no outside network):
 * docs/timestamps.md says so and says how to check one by hand.
 */

export interface TsaPreset {
  readonly name: string;
  readonly url: string;
  readonly operator: string;
  /** What `verify-report` needs to trust its tokens. */
  readonly anchor: string;
}

export const TSA_PRESETS: readonly TsaPreset[] = [
  {
    name: 'freetsa',
    url: 'https://freetsa.org/tsr',
    operator: 'FreeTSA.org',
    anchor: 'its own root, not in the Mozilla store: download https://freetsa.org/files/cacert.pem and pass --tsa-cert cacert.pem',
  },
  {
    name: 'digicert',
    url: 'http://timestamp.digicert.com',
    operator: 'DigiCert',
    anchor: 'chains to a DigiCert root in the Mozilla store (the default anchor)',
  },
  {
    name: 'sectigo',
    url: 'http://timestamp.sectigo.com',
    operator: 'Sectigo (asks for 15 s or more between requests)',
    anchor: 'chains to a Sectigo/USERTrust root in the Mozilla store (the default anchor)',
  },
];

export interface ResolvedTsa {
  readonly url: string;
  /** The preset name, or the URL's host for a plain URL: how messages name the TSA. */
  readonly name: string;
  readonly preset: TsaPreset | null;
}

export function resolveTsa(urlOrName: string): ResolvedTsa {
  const wanted = urlOrName.trim();
  const preset = TSA_PRESETS.find((p) => p.name === wanted.toLowerCase());
  if (preset !== undefined) return { url: preset.url, name: preset.name, preset };
  const names = TSA_PRESETS.map((p) => p.name).join(', ');
  let url: URL;
  try {
    url = new URL(wanted);
  } catch {
    throw new UsageError(msg('usage.tsa-unknown', { tsa: urlOrName }), { hint: msg('usage.tsa-unknown.hint', { names }) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(msg('usage.tsa-protocol', { tsa: urlOrName, protocol: url.protocol }), { hint: msg('usage.tsa-unknown.hint', { names }) });
  }
  return { url: url.href, name: url.host, preset: null };
}

/** For hints: "freetsa, digicert, sectigo". */
export function presetNames(): string {
  return TSA_PRESETS.map((p) => p.name).join(', ');
}
