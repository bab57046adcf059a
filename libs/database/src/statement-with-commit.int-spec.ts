import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type pg from 'pg';
import { createTestTenant, ownerClient, startTestApp, type TestTenant } from '#testing';
import { StatementWithCommit } from './statement-with-commit.js';

const EVENT = `INSERT INTO outbox_events (tenant_id, id, type, payload) VALUES ($1, $2, 'test.with_commit', '{}')`;

/** A statement and its COMMIT in one message: PostgreSQL commits without waiting for this process. */
describe('StatementWithCommit (real PostgreSQL)', () => {
  let app: INestApplication;
  let writer: pg.Client;
  let reader: pg.Client;
  let a: TestTenant;

  beforeAll(async () => {
    app = await startTestApp();
    a = await createTestTenant(app, 'With commit');
    [writer, reader] = [await ownerClient(), await ownerClient()];
  });
  afterAll(async () => {
    await writer.end();
    await reader.end();
    await app.close();
  });

  const stored = async (id: string) =>
    (await reader.query(`SELECT 1 FROM outbox_events WHERE tenant_id = $1 AND id = $2`, [a.id, id])).rowCount;

  /** What the client writes to its socket while `send` runs synchronously (before any answer can arrive). */
  function sentAtOnce(send: () => Promise<unknown>): { bytes: string; done: Promise<unknown> } {
    const stream = (writer as unknown as { connection: { stream: { write: (...args: unknown[]) => boolean } } })
      .connection.stream;
    const write = stream.write;
    const chunks: Buffer[] = [];
    stream.write = (...args: unknown[]) => {
      chunks.push(Buffer.from(args[0] as Buffer));
      return write.apply(stream, args);
    };
    try {
      const done = send();
      return { bytes: Buffer.concat(chunks).toString('latin1'), done };
    } finally {
      stream.write = write;
    }
  }

  it('writes the statement and COMMIT before any answer, and commits', async () => {
    const id = randomUUID();
    await writer.query('BEGIN');
    const { bytes, done } = sentAtOnce(() => StatementWithCommit.send(writer, EVENT, [a.id, id]));
    expect(bytes).toContain(EVENT);
    expect(bytes).toContain('COMMIT');
    const results = (await done) as pg.QueryResult[];
    expect(results.map((r) => r.command)).toEqual(['INSERT', 'COMMIT']);
    expect(await stored(id)).toBe(1);
    expect((await writer.query(`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]); // the client is free again
  });

  it('commits nothing when the statement fails: the transaction is left aborted for the caller to roll back', async () => {
    const [first, again] = [randomUUID(), randomUUID()];
    await writer.query('BEGIN');
    await writer.query(EVENT, [a.id, first]);
    await expect(StatementWithCommit.send(writer, EVENT, [a.id, first])).rejects.toThrow(/duplicate key/);
    await expect(writer.query(EVENT, [a.id, again])).rejects.toThrow(/current transaction is aborted/);
    await writer.query('ROLLBACK');
    expect(await stored(first)).toBe(0);
  });
});
