import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createKeyring, decryptValue, encryptValue, type DataKeyring } from '../../entities/encryption';
import type { InboundMessage } from '../dialogue/inboundMessage';

/**
 * Messages acknowledged to WeChat without a passive reply (the reply was late, or the database was
 * away). Each is written to a local file and fsync'ed before the acknowledgement, so a crash or an
 * outage loses none; a replayer processes them in order once the database answers again.
 *
 * The file is append-only JSON lines: `{"id", "message"}` to record, `{"done": id}` to settle. The
 * message is the citizen's raw text and id: with a data key (WENZHENG_DATA_KEY) it is stored sealed
 * as `{"id", "sealed": "wz1:<key id>:…"}`, AES-256-GCM like personal data at rest, and read back with
 * the current or an older key (WENZHENG_DATA_KEYS_OLD); compaction rewrites it with the current key.
 * With the public development key it stays plaintext, as the key would protect nothing.
 */
export interface JournalRecord {
  id: string;
  message: InboundMessage;
}

type StoredMessage = Omit<InboundMessage, 'receivedAt'> & { receivedAt: string };
type Line = { id: string; message: StoredMessage } | { id: string; sealed: string } | { done: string };

export class InboundJournal {
  constructor(
    readonly file: string,
    private readonly keyring: DataKeyring = createKeyring(null),
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** Durably records a message; returns its journal id. */
  append(message: InboundMessage): string {
    const id = randomUUID();
    this.write(this.recordLine({ id, message }));
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
      if ('done' in line) {
        open.delete(line.done);
        continue;
      }
      const message = 'sealed' in line ? (JSON.parse(decryptValue(line.sealed, this.keyring)) as StoredMessage) : line.message;
      open.set(line.id, { id: line.id, message: { ...message, receivedAt: new Date(message.receivedAt) } });
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
      for (const record of records) writeSync(fd, `${JSON.stringify(this.recordLine(record))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
  }

  private recordLine({ id, message }: JournalRecord): Line {
    const stored: StoredMessage = { ...message, receivedAt: message.receivedAt.toISOString() };
    if (this.keyring.development) return { id, message: stored };
    return { id, sealed: encryptValue(JSON.stringify(stored), this.keyring) };
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
