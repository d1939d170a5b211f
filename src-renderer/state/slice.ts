import type { StoreApi } from 'zustand';
import type { AppState } from './store';

/** How each feature slice is built: it can read and change the whole store, and nothing else. */
export type SliceCreator<T> = (set: StoreApi<AppState>['setState'], get: StoreApi<AppState>['getState']) => T;
