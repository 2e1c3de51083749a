// Runs after each test file (vitest setupFiles): the temp dirs it made are removed.
import { afterAll } from 'vitest';
import { removeTempDirs } from './repo.js';

afterAll(removeTempDirs);
