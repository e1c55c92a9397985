import type { ModelState, ModelStatus } from '../../../shared/ipc';
import { describeModel, locateModel, type ModelState as LocatedState } from '../search/model-locator';

export const modelStateOf = (state: LocatedState, enabled: boolean): ModelState => (enabled ? state : 'disabled');

export function modelStatus(modelsDir: string, enabled: boolean): ModelStatus {
  const m = locateModel(modelsDir);
  const state = modelStateOf(m.state, enabled);
  return {
    state,
    name: m.id,
    progress: null,
    message: state === 'disabled' ? 'Semantic search is turned off; search uses keywords only.' : describeModel(m),
  };
}
