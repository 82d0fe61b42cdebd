// Importing packs into IndexedDB: idempotent, only what changed, never touching notes.
import { describe, expect, it } from 'vitest';
import { importPack, shippedForm } from '../../utils/knowledge/import';
import type { CompiledPack } from '../../utils/knowledge/types';
import { addNote } from '../../utils/notes/store';
import { freshDb } from '../helpers/db';
import { shippedPacks } from '../helpers/packs';

function withVersion(pack: CompiledPack, version: string, change: (p: CompiledPack) => void = () => {}): CompiledPack {
  const copy = structuredClone(pack);
  copy.version = version;
  for (const e of copy.entities) e.source.version = version;
  change(copy);
  return copy;
}

describe('importPack', () => {
  const news = shippedPacks().find((p) => p.id === 'news')!;

  it('imports every entity of a pack into a fresh database', async () => {
    const db = freshDb();
    const report = await importPack(db, news);
    expect(report).toMatchObject({ imported: true, added: news.entities.length, updated: 0, removed: 0 });
    expect(await db.entities.count()).toBe(news.entities.length);
    expect((await db.entities.get('news:lizzi-lee'))?.description.en).toMatch(/Asia Society Policy Institute/);
    expect(await db.packs.get('news')).toMatchObject({ version: news.version, asOf: news.asOf });
  });

  it('does nothing the second time', async () => {
    const db = freshDb();
    await importPack(db, news);
    expect(await importPack(db, news)).toMatchObject({ imported: false, added: 0, updated: 0, removed: 0 });
  });

  it('writes only what a newer version changed, and never touches notes', async () => {
    const db = freshDb();
    await importPack(db, news);
    const note = await addNote(db, { entityId: 'news:nvidia', text: 'Watch the export licences.' });
    const next = withVersion(news, '9.9.9', (p) => {
      p.entities.find((e) => e.id === 'news:nvidia')!.description.en = 'Chip designer (changed)';
      p.entities = p.entities.filter((e) => e.id !== 'news:qwen');
    });
    const report = await importPack(db, next);
    // The pack's version and date are not compared: only the entity that changed is written.
    expect(report).toMatchObject({ imported: true, added: 0, updated: 1, removed: 1 });
    expect(await db.entities.get('news:qwen')).toBeUndefined();
    expect((await db.entities.get('news:nvidia'))?.description.en).toBe('Chip designer (changed)');
    expect(await db.notes.get(note.id)).toEqual(note);
  });

  it('imports a pack edited without raising its version, writing only what changed', async () => {
    const db = freshDb();
    await importPack(db, shippedForm(news));
    const edited = withVersion(news, news.version, (p) => {
      p.entities.find((e) => e.id === 'news:nvidia')!.description.en = 'Chip designer (edited)';
    });
    // As the build ships it (hashes precomputed), and as a tool holds it in memory (none).
    const report = await importPack(db, shippedForm(edited));
    expect(report).toMatchObject({ imported: true, added: 0, updated: 1, removed: 0 });
    expect((await db.entities.get('news:nvidia'))?.description.en).toBe('Chip designer (edited)');
    expect(await importPack(db, edited)).toMatchObject({ imported: false });
  });

  it('reports its progress as it writes, ending with every entity', async () => {
    const db = freshDb();
    const seen: [number, number][] = [];
    await importPack(db, news, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([news.entities.length, news.entities.length]);
    // Progress only goes forward.
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('writes nothing when an import fails halfway', async () => {
    const db = freshDb();
    const broken = structuredClone(news);
    // An entity IndexedDB cannot store (a function cannot be cloned) fails the whole transaction.
    (broken.entities[broken.entities.length - 1] as unknown as { facts: unknown }).facts = [() => 0];
    await expect(importPack(db, broken)).rejects.toThrow();
    expect(await db.entities.count()).toBe(0);
    expect(await db.packs.count()).toBe(0);
  });

  it('keeps the reader’s own entities when a pack is updated', async () => {
    const db = freshDb();
    await importPack(db, news);
    const own = {
      ...news.entities[0]!,
      id: 'user:my-source',
      source: { pack: 'user', title: { en: 'Mine' }, version: '1', asOf: '2026-11' },
    };
    await db.entities.put(own);
    await importPack(db, withVersion(news, '9.9.9'));
    expect(await db.entities.get('user:my-source')).toEqual(own);
  });
});
