import v8 from "node:v8";

// PGlite is PostgreSQL compiled to WebAssembly. V8 first runs WebAssembly with a baseline compiler and
// optimizes only the functions that turn hot, so in a new process each kind of query runs several
// times slower for its first dozens of executions, and the planner and executor paths of rarer
// requests stay slow for long. A long-running process compiles the whole engine optimized when it
// creates PGlite instead (about 1.5 s of CPU on background threads and 25 MB of memory), and runs
// every query at full speed from then on. Call it before PGlite is created: the flag applies to
// WebAssembly compiled afterwards. Short-lived processes (tests, one-off commands)
// keep V8's default, which starts sooner.
export function compileEmbeddedEngineEagerly(): void {
  v8.setFlagsFromString("--no-wasm-dynamic-tiering");
}
