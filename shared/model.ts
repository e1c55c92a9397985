// The embedding model's state, declared once for core (search/model-locator, app) and the renderer.

/** What is on disk: the real model, none, or the test fixture (not semantic). */
export type LocatedModelState = 'ready' | 'missing' | 'fixture';
/** What the app shows: what is on disk, or that semantic search is off or the model is downloading. */
export type ModelState = LocatedModelState | 'disabled' | 'downloading';
