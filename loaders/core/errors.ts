// Errors every layer may throw. The kernel's own: nothing here imports anything of loaders/.

/**
 * A mistake in how something was asked for — a command-line option, a quarter, a dimension
 * name: the message says what is allowed. The CLI prints it without a stack trace and exits
 * with status 2; library code (computeRates, parseQuarter) throws it for bad input too.
 */
export class UsageError extends Error {}
