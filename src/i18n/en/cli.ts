/** English: what the CLI itself says — its frame, commander's words, the exit-code table. */
export const cliEn = {
  'cli.description': 'Keep chats (LINE, Chatwork, CrowdWorks, Lancers) as evidence that anyone can check.',
  'cli.help-after-error': '(run with --help for usage)',
  'cli.help-option': 'show help for the command',
  'cli.help-command': 'show help for a command',
  'cli.version-option': 'show the version number',
  'cli.heading.usage': 'Usage:',
  'cli.heading.arguments': 'Arguments:',
  'cli.heading.options': 'Options:',
  'cli.heading.commands': 'Commands:',
  'cli.heading.global-options': 'Global Options:',
  'cli.help.default': (p: { value: string }) => `(default: ${p.value})`,
  'cli.help.choices': (p: { choices: string }) => `(choices: ${p.choices})`,
  'cli.exit-table': [
    'Exit codes:',
    '  0    success (verify: nothing found)',
    '  1    internal error (a bug: please report it)',
    '  2    usage: bad option or argument, unknown or ambiguous room',
    '  3    input: the file cannot be read, recognised or parsed',
    '  4    archive: cannot open, locked too long, made by a newer version',
    '  5    integrity: verify or verify-report found a problem',
    '  6    outside service: Chatwork API or TSA unreachable, refused, rate-limited',
    '  130  interrupted (Ctrl-C): nothing half-written',
  ].join('\n'),
  'cli.error.unknown-option': (p: { flag: string }) => `unknown option ${p.flag}`,
  'cli.error.unknown-command': (p: { name: string }) => `unknown command ${p.name}`,
  'cli.error.did-you-mean': (p: { names: string }) => `(did you mean ${p.names}?)`,
  'cli.error.missing-argument': (p: { name: string }) => `missing argument ${p.name}`,
  'cli.error.option-missing-value': (p: { flags: string }) => `option ${p.flags} needs a value`,
  'cli.error.too-many-arguments': (p: { expected: number; got: number }) => `too many arguments: expected ${p.expected}, got ${p.got}`,
  'cli.error.invalid-choice': (p: { flags: string; value: string; choices: string }) =>
    `option ${p.flags} does not take "${p.value}"; it takes one of: ${p.choices}`,
  'cli.error.other': (p: { text: string }) => `command line not understood: ${p.text}`,
  'cli.internal-error': (p: { detail: string }) =>
    'chatproof: internal error — this is a bug in chatproof, not something you did. Your archive was not changed by the failed step.\n' +
    `  Please report it with the text below (remove anything private):\n${p.detail}`,
};
