/** The in-browser half of the benchmark; filled in below. */
export async function runBrowserBench(): Promise<void> {}
