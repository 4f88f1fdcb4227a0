/** Programmer and configuration errors, with stable codes the CLI maps to messages. */
export type ErrorCode =
  | 'PIPELINE_ORDER' // a stage requires a layer no earlier stage provides
  | 'LEXICON_INVALID' // a data file does not match its schema
  | 'INPUT_INVALID' // an input file or record cannot be read as an article
  | 'OPTION_INVALID' // an option's value is out of range
  | 'SERVICE_UNREACHABLE'; // Redis (or another server a command needs) does not answer

export class DemarcheError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemarcheError';
    this.code = code;
  }
}
