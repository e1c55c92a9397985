import type { ModelState, ModelStatus } from '../../../shared/ipc';
import { locateModel, type LocatedModel, type ModelState as LocatedState } from '../search/model-locator';

export const modelStateOf = (state: LocatedState, enabled: boolean): ModelState => (enabled ? state : 'disabled');

export function modelStatus(modelsDir: string, enabled: boolean): ModelStatus {
  const m = locateModel(modelsDir);
  const state = modelStateOf(m.state, enabled);
  return {
    state,
    name: m.id,
    progress: null,
    message: state === 'disabled' ? 'Semantic search is turned off; search uses keywords only.' : appMessage(m),
  };
}

/** For the settings screen (the CLI's wording names files and commands). */
function appMessage(m: LocatedModel): string {
  switch (m.state) {
    case 'ready':
      return 'Search by meaning is on. The model runs on this computer; nothing leaves it.';
    case 'fixture':
      return 'A test model is installed: search works, but matches by meaning are not real. Download the model for real ones.';
    case 'missing':
      return 'Not downloaded yet, so search matches keywords only. Download the model (once, 23 MB) to also find records by meaning.';
  }
}
