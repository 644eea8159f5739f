import { describe, expect, it } from 'vitest';
import { coverageBounds, isCovered } from '../../../src/core/diff/coverage.js';

const ms = (iso: string) => Date.parse(iso);
const none = { shownBefore: false, shownAfter: false };
const both = { shownBefore: true, shownAfter: true };
// A LINE paste: minutes only.
const lineWindow = coverageBounds({ kind: 'window', from: '2024-03-04T10:00:00+09:00', to: '2024-03-04T10:07:00+09:00' });

describe('isCovered (P6)', () => {
  it('covers a time strictly inside the window without help', () => {
    expect(isCovered(ms('2024-03-04T10:05:00+09:00'), lineWindow, none)).toBe(true);
  });

  it('leaves times outside the window uncovered, whatever the neighbours say', () => {
    expect(isCovered(ms('2024-03-04T09:59:00+09:00'), lineWindow, both)).toBe(false);
    expect(isCovered(ms('2024-03-04T10:08:00+09:00'), lineWindow, both)).toBe(false);
  });

  it('covers a boundary minute only on the side where a still-shown message places it', () => {
    const first = ms('2024-03-04T10:00:00+09:00');
    expect(isCovered(first, lineWindow, none)).toBe(false);
    expect(isCovered(first, lineWindow, { shownBefore: true, shownAfter: false })).toBe(true);
    const last = ms('2024-03-04T10:07:00+09:00');
    expect(isCovered(last, lineWindow, { shownBefore: false, shownAfter: true })).toBe(true);
    expect(isCovered(last, lineWindow, { shownBefore: true, shownAfter: false })).toBe(false);
  });

  it('reads a minute as the whole minute when the other side has seconds', () => {
    // Chatwork-API message (seconds) against a pasted window (minutes): 10:07:35 may be after the paste's last message.
    expect(isCovered(ms('2024-03-04T10:07:35+09:00'), lineWindow, none)).toBe(false);
    expect(isCovered(ms('2024-03-04T10:07:35+09:00'), lineWindow, both)).toBe(true);
    // A pasted message (minutes) against an API window ending 10:06:30: "10:06" may be 10:06:45.
    const apiWindow = coverageBounds({ kind: 'window', from: '2024-03-04T10:00:10+09:00', to: '2024-03-04T10:06:30+09:00' });
    expect(isCovered(ms('2024-03-04T10:06:00+09:00'), apiWindow, none)).toBe(false);
    expect(isCovered(ms('2024-03-04T10:05:00+09:00'), apiWindow, none)).toBe(true);
  });

  it('covers a full export from the start of the room to its last message', () => {
    const full = coverageBounds({ kind: 'full', from: '2024-03-04T10:00:00+09:00', to: '2024-03-10T17:20:00+09:00' });
    expect(isCovered(ms('2020-01-01T00:00:00+09:00'), full, none)).toBe(true);
    expect(isCovered(ms('2024-03-10T17:21:00+09:00'), full, both)).toBe(false);
  });

  it('covers nothing it cannot read: an unknown bound or an unreadable time', () => {
    expect(isCovered(ms('2024-03-04T10:05:00+09:00'), coverageBounds({ kind: 'full', from: null, to: null }), both)).toBe(false);
    expect(isCovered(Number.NaN, lineWindow, both)).toBe(false);
  });
});
