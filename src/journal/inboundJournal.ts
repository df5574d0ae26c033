import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InboundMessage } from '../channels/inboundMessage';

/**
 * Messages acknowledged to WeChat without a passive reply (the reply was late, or the database was
 * away). Each is written to a local file and fsync'ed before the acknowledgement, so a crash or an
 * outage loses none; a replayer processes them in order once the database answers again.
 *
 * The file is append-only JSON lines: `{"id", "message"}` to record, `{"done": id}` to settle.
 */
export interface JournalRecord {
  id: string;
  message: InboundMessage;
}

type StoredMessage = Omit<InboundMessage, 'receivedAt'> & { receivedAt: string };
type Line = { id: string; message: StoredMessage } | { done: string };

export class InboundJournal {
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** Durably records a message; returns its journal id. */
  append(message: InboundMessage): string {
    const id = randomUUID();
    this.write({ id, message: { ...message, receivedAt: message.receivedAt.toISOString() } });
    return id;
  }

  settle(id: string): void {
    this.write({ done: id });
  }

  /** Unsettled records, oldest first. */
  pending(): JournalRecord[] {
    if (!existsSync(this.file)) return [];
    const open = new Map<string, JournalRecord>();
    for (const text of readFileSync(this.file, 'utf8').split('\n')) {
      if (!text) continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        // A torn last line from a crash mid-write: its message was never acknowledged.
        continue;
      }
      if ('done' in line) open.delete(line.done);
      else open.set(line.id, { id: line.id, message: { ...line.message, receivedAt: new Date(line.message.receivedAt) } });
    }
    return [...open.values()];
  }

  /** Rewrites the file with only the unsettled records (atomically, by rename). */
  compact(): void {
    const records = this.pending();
    if (records.length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    const temporary = `${this.file}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      for (const record of records)
        writeSync(
          fd,
          `${JSON.stringify({ id: record.id, message: { ...record.message, receivedAt: record.message.receivedAt.toISOString() } })}\n`,
        );
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
  }

  private write(line: Line): void {
    const fd = openSync(this.file, 'a');
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
