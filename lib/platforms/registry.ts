import { PLATFORM_IDS, type PlatformId } from '../model/platform-id';
import { appen } from './appen';
import { clickworker } from './clickworker';
import type { PlatformContract } from './contract';
import { dataannotation } from './dataannotation';
import { mturk } from './mturk';
import { prolific } from './prolific';
import { raterhub } from './raterhub';
import { toloka } from './toloka';
import { uhrs } from './uhrs';

/**
 * Every supported platform's contract, by its id. A new platform is its folder, its id in
 * lib/model/platform-id.ts and one line here; the type refuses an id without its contract.
 */
export const REGISTRY: Readonly<Record<PlatformId, PlatformContract>> = {
  mturk,
  prolific,
  toloka,
  raterhub,
  uhrs,
  clickworker,
  appen,
  dataannotation,
};

/** The contracts in the order of PLATFORM_IDS. */
export const CONTRACTS: readonly PlatformContract[] = /* @__PURE__ */ PLATFORM_IDS.map((id) => REGISTRY[id]);
