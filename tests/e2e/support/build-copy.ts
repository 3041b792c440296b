import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Manifest {
  version: string;
  permissions: string[];
  [key: string]: unknown;
}

export interface BuildCopy {
  dir: string;
  /** Rewrites the copy's manifest (an update's newer version, a permission left out). */
  editManifest(edit: (manifest: Manifest) => Manifest): void;
  remove(): void;
}

/**
 * A copy of a built extension (`dist`: .output/chrome-mv3 or firefox-mv3) in a folder of its own,
 * for a fault test that changes its files on disk as an update does, or leaves a permission out.
 */
export function copyOfBuild(dist: string): BuildCopy {
  const dir = mkdtempSync(join(tmpdir(), 'tr-x-'));
  cpSync(dist, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  return {
    dir,
    editManifest: (edit) => writeFileSync(manifestPath, JSON.stringify(edit(JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A manifest without `unlimitedStorage`, which lifts any quota: the quota a test sets then applies. */
export const withoutUnlimitedStorage = (manifest: Manifest): Manifest => ({ ...manifest, permissions: manifest.permissions.filter((p) => p !== 'unlimitedStorage') });
