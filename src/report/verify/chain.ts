import { entryCanonical, entryHash } from '../../store/entry-hash.js';
import { LOG_NAME } from '../manifest.js';
import { check, type Check, type Evidence, field, short } from './check.js';

/**
 * P4 without the archive: every included entry is re-hashed from its fields, every `prev` must
 * be the hash before it, and the last must be the head the pages print. log.jsonl (for checking
 * by hand) must hold exactly the same hashed forms.
 */
export function checkLog(ev: Evidence): Check {
  const { log, head } = ev.manifest;
  const problems: string[] = [];
  let prev: string | null = null;
  log.entries.forEach((e, i) => {
    const expectedSeq = log.from + i;
    if (e.seq !== expectedSeq) problems.push(`entry ${i + 1} of the list has seq ${e.seq}, expected #${expectedSeq} (entries missing or reordered)`);
    const actual = entryHash({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: e.prev, payload: e.payload });
    if (actual !== e.hash) problems.push(`entry #${e.seq} (${e.kind}) hashes to ${short(actual)}, but ${short(e.hash)} is stated: its content was changed`);
    if (i > 0 && e.prev !== prev) problems.push(`entry #${e.seq} names ${e.prev === null ? 'no' : short(e.prev)} as the entry before, but #${e.seq - 1} is ${short(prev ?? '')}`);
    prev = e.hash;
  });
  const last = log.entries[log.entries.length - 1];
  if (last === undefined) problems.push('the manifest includes no log entry');
  else if (last.seq !== head.seq || last.hash !== head.hash) problems.push(`the last entry is #${last.seq} ${short(last.hash)}, but the report's head is #${head.seq} ${short(head.hash)}`);
  const first = log.entries[0];
  if (first !== undefined && first.seq === 1 && first.prev !== null) problems.push('entry #1 names an entry before it');
  const jsonl = ev.files.get(LOG_NAME);
  const lines = log.entries.map((e) => entryCanonical({ seq: e.seq, kind: e.kind, at: e.at, roomId: e.roomId, prevHash: e.prev, payload: e.payload })).join('\n') + '\n';
  if (jsonl === undefined) problems.push(`${LOG_NAME} is not embedded`);
  else if (Buffer.from(jsonl).toString('utf8') !== lines) problems.push(`${LOG_NAME} differs from the manifest's entries`);
  const before = first === undefined || first.seq === 1 ? '' : `; entries before #${first.seq} concern other rooms and are not included, so #${first.seq}'s link to them (${short(first.prev ?? '')}) is taken as stated`;
  return check('log chain', problems,
    `recomputed ${log.entries.length} entry hashes #${log.from}–#${head.seq}; every prev matches the entry before; the last is the head ${short(head.hash)} printed on every page; ${LOG_NAME} holds the same hashed forms${before}`,
    'SHA-256 over the tagged canonical form chatproof/entry/1, docs/hashing.md §4');
}

/** The room the report is about is the one its `room` entry created. */
export function checkRoom(ev: Evidence): Check {
  const { room } = ev.manifest;
  const e = ev.entries.get(room.entrySeq);
  const problems: string[] = [];
  if (e === undefined) problems.push(`the room's entry #${room.entrySeq} is not in the included log`);
  else if (e.kind !== 'room' || field(e.payload, 'room', 'id') !== room.id) problems.push(`entry #${room.entrySeq} does not create room ${room.id}`);
  const title = e === undefined ? '' : String(field(e.payload, 'room', 'title') ?? '');
  return check('room', problems, `room ${room.id} "${title}" was created by log entry #${room.entrySeq}`, 'the log chain');
}
