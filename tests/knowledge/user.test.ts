// The reader's own entities and corrections, as the background stores and applies them.
import { describe, expect, it } from 'vitest';
import { DossierService, packsInMemory } from '../../utils/background/service';
import { importPack } from '../../utils/knowledge/import';
import { deleteUserEntity, listUserEntities, saveUserEntity, userEntityInputSchema } from '../../utils/knowledge/user';
import { freshDb } from '../helpers/db';
import { shippedPacks } from '../helpers/packs';

const context = { lang: 'en', named: [], confirmed: [] };

function setup() {
  const db = freshDb();
  let changes = 0;
  const service = new DossierService(db, packsInMemory(shippedPacks()), () => changes++);
  return { db, service, changes: () => changes };
}

describe('the reader’s own entities', () => {
  it('are detected as soon as they are saved, and no longer once deleted', async () => {
    const { service, changes } = setup();
    const text = ['Marta Kowalczyk, who chairs the parish council, spoke to Nvidia.'];
    const before = await service.handle('detect', { blocks: text, context });
    expect(before.mentions.map((m) => m.entityId)).toEqual(['news:nvidia']);

    const entity = await service.handle('saveEntity', {
      name: 'Marta Kowalczyk',
      aliases: ['M. Kowalczyk'],
      type: 'person',
      description: 'Chair of our parish council',
    });
    expect(entity.id).toMatch(/^user:marta-kowalczyk-/);
    expect(changes()).toBe(1);
    const after = await service.handle('detect', { blocks: text, context });
    expect(after.mentions.map((m) => m.entityId)).toEqual([entity.id, 'news:nvidia']);
    expect(after.entities.find((e) => e.id === entity.id)?.description.en).toBe('Chair of our parish council');

    await service.handle('deleteEntity', entity.id);
    const gone = await service.handle('detect', { blocks: text, context });
    expect(gone.mentions.map((m) => m.entityId)).toEqual(['news:nvidia']);
  });

  it('are edited in place and survive a pack update', async () => {
    const { db } = setup();
    const news = shippedPacks().find((p) => p.id === 'news')!;
    await importPack(db, news);
    const saved = await saveUserEntity(db, { name: 'Blue Lagoon Ltd', aliases: [], type: 'company', description: '' });
    await saveUserEntity(db, {
      id: saved.id,
      name: 'Blue Lagoon Ltd',
      aliases: ['BLL'],
      type: 'company',
      description: 'A firm',
    });
    await importPack(db, { ...news, version: '9.9.9' });
    const list = await listUserEntities(db);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: saved.id, aliases: { und: ['BLL'] }, description: { en: 'A firm' } });
  });

  it('never let a pack’s entity be edited or deleted through them', async () => {
    const { db } = setup();
    await importPack(
      db,
      shippedPacks().find((p) => p.id === 'news')!,
    );
    await expect(
      saveUserEntity(db, { id: 'news:nvidia', name: 'Nvidia', aliases: [], type: 'company', description: 'x' }),
    ).rejects.toThrow(/Only your own entities/);
    await expect(deleteUserEntity(db, 'news:nvidia')).rejects.toThrow(/Only your own entities/);
    expect((await db.entities.get('news:nvidia'))?.description.en).toMatch(/chip designer/i);
  });

  it('are validated with messages that say what is wrong', () => {
    const bad = userEntityInputSchema.safeParse({ name: '  ', aliases: [], type: 'person', description: '' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('a name is needed');
    expect(userEntityInputSchema.safeParse({ name: 'X', aliases: [], type: 'planet', description: '' }).success).toBe(
      false,
    );
  });
});

describe('corrections', () => {
  const url = 'https://news.example/2025/chips';
  const blocks = ['Nvidia and AMD sell chips. Later, Nvidia said more.'];

  it('“not this entity here” drops that form on that page only', async () => {
    const { service } = setup();
    const correction = await service.handle('addCorrection', {
      kind: 'not-here',
      entityId: 'news:nvidia',
      site: 'news.example',
      url,
      surface: 'Nvidia',
    });
    const here = await service.handle('detect', { blocks, context, url });
    expect(here.mentions.map((m) => m.entityId)).toEqual(['news:amd']);
    const elsewhere = await service.handle('detect', { blocks, context, url: 'https://news.example/other' });
    expect(elsewhere.mentions.map((m) => m.entityId)).toEqual(['news:nvidia', 'news:amd', 'news:nvidia']);

    await service.handle('removeCorrection', correction.id);
    const back = await service.handle('detect', { blocks, context, url });
    expect(back.mentions.map((m) => m.entityId)).toEqual(['news:nvidia', 'news:amd', 'news:nvidia']);
  });

  it('“don’t mark on this site” holds for every page of the site, and nowhere else', async () => {
    const { service, changes } = setup();
    await service.handle('addCorrection', { kind: 'not-on-site', entityId: 'news:amd', site: 'news.example' });
    // Saying it twice is one correction.
    await service.handle('addCorrection', { kind: 'not-on-site', entityId: 'news:amd', site: 'news.example' });
    expect(changes()).toBe(2);
    const onSite = await service.handle('detect', { blocks, context, url: 'https://news.example/any' });
    expect(onSite.mentions.map((m) => m.entityId)).not.toContain('news:amd');
    const offSite = await service.handle('detect', { blocks, context, url: 'https://other.example/a' });
    expect(offSite.mentions.map((m) => m.entityId)).toContain('news:amd');
  });
});

describe('the knowledge status', () => {
  it('ends ready with the number of entities detected', async () => {
    const { db, service } = setup();
    await service.warmUp();
    const status = await db.status.get('knowledge');
    expect(status).toMatchObject({ phase: 'ready', total: await db.entities.count() });
    expect(status!.total).toBeGreaterThan(4000);
  });
});
