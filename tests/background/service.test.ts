// The background's answers to the protocol, driven directly as the message listener would.
import { describe, expect, it } from 'vitest';
import { DossierService, packsInMemory } from '../../utils/background/service';
import { shippedForm } from '../../utils/knowledge/import';
import { freshDb } from '../helpers/db';
import { shippedPacks } from '../helpers/packs';

function service() {
  const db = freshDb();
  return { db, service: new DossierService(db, packsInMemory(shippedPacks())) };
}

describe('DossierService', () => {
  it('imports the packs before the first detection and returns the entities found', async () => {
    const { service: s } = service();
    const result = await s.handle('detect', {
      blocks: [
        'Laut Lizzi Lee, Expertin am Asia Society Policy Institute, sehen Politiker in Peking Nvidias H20 kritisch.',
      ],
      context: { lang: 'de', named: [], confirmed: [] },
    });
    expect(result.mentions.map((m) => m.entityId)).toEqual([
      'news:lizzi-lee',
      'news:asia-society-policy-institute',
      'places:beijing',
      'news:nvidia',
      'news:nvidia-h20',
    ]);
    expect(result.entities.map((e) => e.id).sort()).toEqual(result.mentions.map((m) => m.entityId).sort());
    expect(result.context.named).toContain('news:lizzi-lee');
  });

  it('refuses malformed requests with a message naming what is wrong', async () => {
    const { service: s } = service();
    await expect(s.handle('detect', { blocks: 'not a list', context: {} })).rejects.toThrow(
      /refused a malformed "detect" request/,
    );
    await expect(s.handle('saveNote', { text: '   ' })).rejects.toThrow(/a note needs text or a quote/);
    await expect(s.handle('getEntities', [42])).rejects.toThrow(/malformed "getEntities"/);
  });

  it('saves notes and lists an entity’s notes newest first', async () => {
    const { service: s } = service();
    const first = await s.handle('saveNote', { entityId: 'news:nvidia', text: 'first' });
    await new Promise((r) => setTimeout(r, 2));
    const second = await s.handle('saveNote', {
      entityId: 'news:nvidia',
      text: 'second',
      page: { url: 'https://news.example/a', title: 'A', site: 'news.example' },
      quote: { exact: 'Nvidia rose.', prefix: '', suffix: '' },
    });
    await s.handle('saveNote', { entityId: 'news:tsmc', text: 'other' });
    const notes = await s.handle('getNotes', { entityId: 'news:nvidia' });
    expect(notes.map((n) => n.id)).toEqual([second.id, first.id]);
    expect(await s.handle('getNotes', { url: 'https://news.example/a' })).toEqual([second]);
  });

  it('serves entities by id, skipping unknown ones', async () => {
    const { service: s } = service();
    const entities = await s.handle('getEntities', ['news:tsmc', 'news:nobody']);
    expect(entities.map((e) => e.id)).toEqual(['news:tsmc']);
  });
});

describe('the stored matcher', () => {
  it('is built once, then loaded by a worker that wakes up again', async () => {
    const { db, service: first } = service();
    await first.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    expect(first.matcherSource).toBe('built');
    expect(await db.matchers.count()).toBe(1);

    const woken = new DossierService(db, packsInMemory(shippedPacks()));
    const result = await woken.handle('detect', {
      blocks: ['Jensen Huang und Nvidias H20'],
      context: { lang: 'de', named: [], confirmed: [] },
    });
    expect(woken.matcherSource).toBe('stored');
    expect(result.mentions.map((m) => m.entityId)).toEqual(['news:jensen-huang', 'news:nvidia', 'news:nvidia-h20']);
  });

  it('serves a waking worker at once, without waiting for the check of the packs', async () => {
    const { db, service: first } = service();
    await first.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    // A pack check that never ends: the stored matcher must not wait for it.
    const stalled = { list: () => new Promise<never>(() => {}), load: () => new Promise<never>(() => {}) };
    const woken = new DossierService(db, stalled);
    const result = await woken.handle('detect', {
      blocks: ['Jensen Huang und Nvidias H20'],
      context: { lang: 'de', named: [], confirmed: [] },
    });
    expect(woken.matcherSource).toBe('stored');
    expect(result.mentions.map((m) => m.entityId)).toEqual(['news:jensen-huang', 'news:nvidia', 'news:nvidia-h20']);
  }, 15_000);

  it('is rebuilt after an update of Dossier changed the matching code', async () => {
    const { db, service: first } = service();
    await first.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    // The stored matcher as an older Dossier left it: same packs, other code.
    const stored = (await db.matchers.toArray())[0]!;
    await db.matchers.put({ ...stored, signature: stored.signature.replace(/code@[^;]*$/, 'code@older') });
    const woken = new DossierService(db, packsInMemory(shippedPacks()));
    await woken.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    expect(woken.matcherSource).toBe('built');
  });

  it('finds a name added by an update that kept the pack’s version', async () => {
    const shipped = shippedPacks().map(shippedForm);
    const db = freshDb();
    const first = new DossierService(db, packsInMemory(shipped));
    await first.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    const edited = structuredClone(shipped);
    const nvidia = edited.find((p) => p.id === 'news')!.entities.find((e) => e.id === 'news:nvidia')!;
    nvidia.aliases = { ...nvidia.aliases, en: [...(nvidia.aliases?.en ?? []), 'Team Green Chips'] };
    // Shipped again: the build recomputes the hashes, and the version stays as it was.
    const updated = edited.map(shippedForm);
    let pagesToldToReadAgain = 0;
    const woken = new DossierService(db, packsInMemory(updated), () => pagesToldToReadAgain++);
    // A page read while the update is checked gets the stored matcher, and is read again after.
    await woken.handle('detect', { blocks: ['Nvidia'], context: { lang: 'en', named: [], confirmed: [] } });
    expect(woken.matcherSource).toBe('stored');
    // The update's check (a waking worker serves its stored matcher beside it) imports the edit.
    expect((await woken.ensurePacks()).find((r) => r.pack === 'news')).toMatchObject({ imported: true, updated: 1 });
    const result = await woken.handle('detect', {
      blocks: ['Team Green Chips reported record sales.'],
      context: { lang: 'en', named: [], confirmed: [] },
    });
    expect(result.mentions.map((m) => m.entityId)).toEqual(['news:nvidia']);
    expect(pagesToldToReadAgain).toBe(1);
  });

  it('is rebuilt when the entities change', async () => {
    const { db, service: first } = service();
    await first.handle('getEntities', []);
    await first.handle('detect', { blocks: ['x'], context: { lang: 'en', named: [], confirmed: [] } });
    await db.entities.delete('news:nvidia');
    const woken = new DossierService(db, packsInMemory([]));
    const result = await woken.handle('detect', {
      blocks: ['Nvidia'],
      context: { lang: 'en', named: [], confirmed: [] },
    });
    expect(woken.matcherSource).toBe('built');
    expect(result.mentions).toEqual([]);
  });
});
