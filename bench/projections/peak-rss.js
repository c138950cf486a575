// Preloaded (`node -r`) into a command the rebuild bench runs: prints the process's peak RSS on stderr at exit.
process.on('exit', () => process.stderr.write(`peak RSS ${process.resourceUsage().maxRSS} KiB\n`));
