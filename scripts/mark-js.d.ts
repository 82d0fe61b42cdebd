// mark.js ships no types; the benchmark only constructs it and calls mark().
declare module 'mark.js';
