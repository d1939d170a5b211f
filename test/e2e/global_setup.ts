import type { TestProject } from 'vitest/node';
import { buildApp } from './web_host_process';

/**
 * The e2e project's globalSetup: builds the app from the current sources once per Vitest run
 * (and again before each watch-mode rerun), so every e2e file drives a fresh dist/ without
 * building it again. Vitest calls it only when the run includes e2e files.
 */
export default function setup(project: TestProject): void {
  buildApp();
  project.onTestsRerun(() => buildApp());
}
