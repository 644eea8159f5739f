import { entryCanonical, entryHash } from '../../store/entry-hash.js';
import { LOG_NAME } from '../manifest.js';
import { msg, type Phrase } from '../../i18n/message.js';
import { check, type Check, type Evidence, field, short } from './check.js';

/**
 * docs/design/evidence-model.md P4 without the archive: every included entry is re-hashed from its fields, every `prev` must
 * be the hash before it, and the last must be the head the pages print. log.jsonl (for checking
 * by hand) must hold exactly the same hashed forms.
 */
export function checkLog(ev: Evidence): Check {
  const { log, head } = ev.manifest;
  const problems: Phrase[] = [];
  let prev: string | null = null;
  log.entries.forEach((e, i) => {
    const expectedSeq = log.from + i;
    if (e.seq !== expectedSeq) problems.push(msg('vr.log.seq', { i: i + 1, seq: e.seq, expected: expectedSeq }));
    const actual = entryHash({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: e.prev, payload: e.payload });
    if (actual !== e.hash) problems.push(msg('vr.log.hash', { seq: e.seq, kind: e.kind, actual: short(actual), stated: short(e.hash) }));
    if (i > 0 && e.prev !== prev)
      problems.push(msg('vr.log.prev', { seq: e.seq, named: e.prev === null ? '-' : short(e.prev), before: e.seq - 1, actual: short(prev ?? '') }));
    prev = e.hash;
  });
  const last = log.entries[log.entries.length - 1];
  if (last === undefined) problems.push(msg('vr.log.none'));
  else if (last.seq !== head.seq || last.hash !== head.hash)
    problems.push(msg('vr.log.head', { seq: last.seq, hash: short(last.hash), headSeq: head.seq, head: short(head.hash) }));
  const first = log.entries[0];
  if (first !== undefined && first.seq === 1 && first.prev !== null) problems.push(msg('vr.log.first-prev'));
  const jsonl = ev.files.get(LOG_NAME);
  const lines =
    log.entries.map((e) => entryCanonical({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: e.prev, payload: e.payload })).join('\n') + '\n';
  if (jsonl === undefined) problems.push(msg('vr.log.jsonl-missing', { log: LOG_NAME }));
  else if (Buffer.from(jsonl).toString('utf8') !== lines) problems.push(msg('vr.log.jsonl-differs', { log: LOG_NAME }));
  const whole = msg('vr.log.ok', { n: log.entries.length, from: log.from, to: head.seq, head: short(head.hash), log: LOG_NAME });
  const said = first === undefined || first.seq === 1 ? whole : msg('vr.log.ok-partial', { said: whole, first: first.seq, prev: short(first.prev ?? '') });
  return check(msg('vr.name.log'), problems, said, msg('vr.rests.entry-form'));
}

/** The room the report is about is the one its `room` entry created. */
export function checkRoom(ev: Evidence): Check {
  const { room } = ev.manifest;
  const e = ev.entries.get(room.entrySeq);
  const problems: Phrase[] = [];
  if (e === undefined) problems.push(msg('vr.room.missing', { seq: room.entrySeq }));
  else if (e.kind !== 'room' || field(e.payload, 'room', 'id') !== room.id) problems.push(msg('vr.room.other', { seq: room.entrySeq, id: room.id }));
  const title = e === undefined ? '' : String(field(e.payload, 'room', 'title') ?? '');
  return check(msg('vr.name.room'), problems, msg('vr.room.ok', { id: room.id, title, seq: room.entrySeq }), msg('vr.rests.chain'));
}
