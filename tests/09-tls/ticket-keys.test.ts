/**
 * Ticket keys: a fresh 48-byte key at once, a new one on every rotation,
 * and a timer that neither keeps the process alive nor outlives stop().
 */
import { describe, expect, test, vi } from "vitest";
import { rotateTicketKeys, TICKET_KEY_BYTES } from "#ch09/ticket-keys.ts";

describe("rotateTicketKeys", () => {
  test("sets a random key now and a different one on each rotation", () => {
    const keys: Buffer[] = [];
    const rotation = rotateTicketKeys({ setTicketKeys: (k) => keys.push(k) }, 60_000);
    try {
      expect(keys).toHaveLength(1);
      expect(keys[0]?.length).toBe(TICKET_KEY_BYTES);
      rotation.rotate();
      expect(keys).toHaveLength(2);
      expect(keys[1]?.equals(keys[0] as Buffer)).toBe(false);
    } finally {
      rotation.stop();
    }
  });

  test("the timer rotates every period, until stopped", () => {
    // Fake timers: the period is counted, not waited for, so a loaded
    // machine cannot make a late interval look like a missing rotation.
    vi.useFakeTimers();
    try {
      let count = 0;
      const rotation = rotateTicketKeys({ setTicketKeys: () => void count++ }, 20);
      expect(count).toBe(1);
      vi.advanceTimersByTime(19);
      expect(count).toBe(1);
      vi.advanceTimersByTime(1);
      expect(count).toBe(2);
      vi.advanceTimersByTime(40);
      expect(count).toBe(4);
      rotation.stop();
      vi.advanceTimersByTime(100);
      expect(count).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
