/** The `note` entry: what the user observed about a room, in their words. */
import { obj, problem, str, value, type Read } from './read.js';

export type NotePayload = {
  readonly note: { readonly text: string };
};

export function notePayload(text: string): NotePayload {
  return { note: { text } };
}

export function readNote(payload: Readonly<Record<string, unknown>>): Read<{ readonly text: string }> {
  const text = str(obj(payload['note'])?.['text']);
  return text === null ? problem('a note entry without its text') : value({ text });
}
