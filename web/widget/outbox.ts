/**
 * Messages the customer typed that the server has not acknowledged yet, kept in storage so that
 * neither a dropped network nor a reload loses them. Sent strictly in order, one at a time.
 */
import { OUTBOX_KEY, type KeyValue } from './storage.js';

export interface OutboxItem {
  localId: string;
  text: string;
  createdAt: string;
}

export const LOCAL_ID_PREFIX = 'local-';

export function newLocalId(now: number = Date.now(), random: () => number = Math.random): string {
  return `${LOCAL_ID_PREFIX}${now.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
}

export class Outbox {
  private items: OutboxItem[];

  constructor(private readonly kv: KeyValue, private readonly key = OUTBOX_KEY) {
    this.items = Outbox.read(kv, key);
  }

  private static read(kv: KeyValue, key: string): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(kv.get(key) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      return parsed.filter(
        (i): i is OutboxItem =>
          typeof i === 'object' && i !== null && typeof i.localId === 'string' && typeof i.text === 'string' && typeof i.createdAt === 'string',
      );
    } catch {
      return [];
    }
  }

  all(): readonly OutboxItem[] {
    return this.items;
  }

  peek(): OutboxItem | undefined {
    return this.items[0];
  }

  push(item: OutboxItem): void {
    this.items.push(item);
    this.save();
  }

  remove(localId: string): void {
    this.items = this.items.filter((i) => i.localId !== localId);
    this.save();
  }

  clear(): void {
    this.items = [];
    this.save();
  }

  private save(): void {
    if (this.items.length) this.kv.set(this.key, JSON.stringify(this.items));
    else this.kv.remove(this.key);
  }
}
