import { InvalidArgumentError, Option } from 'commander';

/** Option parser for YYYY-MM-DD dates. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return value;
}

/** The `--modality` option of the commands that filter stored events. */
export function modalityOption(): Option {
  return new Option('--modality <modality>', 'event modality').choices([
    'asserted',
    'future',
    'hypothetical',
    'historical',
  ]);
}
