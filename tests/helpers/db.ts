import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DossierDB } from '../../utils/db';

/** A fresh, isolated database per test: what a new browser profile has. */
export function freshDb(): DossierDB {
  return new DossierDB({ indexedDB: new IDBFactory(), IDBKeyRange });
}
