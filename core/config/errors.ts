import { ArtifactError } from '../artifacts/source';

/** A flowguard.json or policy that does not parse or validate: the run stops with exit code 2. */
export class ConfigError extends ArtifactError {
  override name = 'ConfigError';
}
